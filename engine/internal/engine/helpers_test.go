package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"caracal.dev/engine/internal/wire"
)

// policy builds a module whose ids derive from its name, as the server sends them.
func policy(name, content string) wire.Module {
	return wire.Module{ID: "pv-" + name, Policy: name, PolicyID: "p-" + name, PolicyVersionID: "pv-" + name, Version: 1, Content: content}
}

func newTestEngine() *Engine { return New(DefaultConfig()) }

func mustJSON(t testing.TB, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// evalInline evaluates input against inline modules and fails the test on
// a compile or protocol error.
func evalInline(t testing.TB, e *Engine, mods []wire.Module, input any, explain string) wire.EvaluateResponse {
	t.Helper()
	resp, err := e.Evaluate(context.Background(), EvalRequest{Modules: mods, Input: mustJSON(t, input), Explain: explain, Deadline: 5 * time.Second})
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	return resp
}

func determining(r wire.Result) []string {
	out := []string{}
	for _, d := range r.DeterminingPolicies {
		out = append(out, fmt.Sprintf("%s/%s@%d:%d", d.Policy, d.Rule, d.Location.Row, d.Location.Col))
	}
	return out
}

func reasons(r wire.Result) []string {
	out := []string{}
	for _, d := range r.Diagnostics {
		s := d.Reason
		if d.Message != "" {
			s += ": " + d.Message
		}
		if d.Policy != "" {
			s += " (" + d.Policy + ")"
		}
		out = append(out, s)
	}
	return out
}

// stsInput is the contract's input document.
func stsInput(app string, labels []string, resource string, scopes ...string) map[string]any {
	return map[string]any{
		"schema_version": "2026-05-20",
		"principal":      map[string]any{"type": "Application", "id": app, "zone_id": "z1", "labels": labels},
		"resource":       map[string]any{"type": "Resource", "identifier": resource, "scopes": scopes},
		"action":         map[string]any{"id": "TokenExchange"},
		"context":        map[string]any{"requested_scopes": scopes, "time": "2026-05-20T10:00:00Z"},
	}
}
