package engine

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"caracal.dev/engine/internal/wire"
)

// FuzzCompile feeds arbitrary sources through compile and evaluation. The
// engine must never panic, must agree with itself about whether a set
// compiles, and must deny whenever it cannot justify an allow. The inputs it
// found interesting live in testdata/fuzz/FuzzCompile and run with go test.
func FuzzCompile(f *testing.F) {
	for _, seed := range []string{
		labelsPolicy, scopesPolicy, denyListPolicy,
		"package caracal.authz\n\ndefault allow := true\n",
		"package caracal.authz\n\nallow if {\n",
		"package caracal\n\nauthz.allow if input.x\n",
		"package caracal.authz\n\nallow := input.x\n",
		"package caracal.authz\n\ndeny := {\"a\": 1}\n",
		"package caracal.authz\n\nallow if { x := 1 } else := false\n",
	} {
		f.Add(seed)
	}
	e := newTestEngine()
	f.Fuzz(func(t *testing.T, content string) {
		mods := []wire.Module{policy("fuzz", content)}
		report := e.Compile(mods)
		if report.OK != (len(report.Errors) == 0) {
			t.Fatalf("ok=%v with %d errors", report.OK, len(report.Errors))
		}
		resp, err := e.Evaluate(context.Background(), EvalRequest{Modules: mods, Input: json.RawMessage(`{"x": true}`), Deadline: 200 * time.Millisecond})
		if err != nil {
			if report.OK {
				t.Fatalf("compile said ok, evaluate said %v", err)
			}
			return
		}
		if !report.OK {
			t.Fatalf("compile reported %v, evaluate compiled it", report.Errors)
		}
		r := resp.Result
		if r.Decision == "allow" && (r.EvaluationStatus != "complete" || len(r.DeterminingPolicies) == 0) {
			t.Fatalf("allow without justification: %+v", r)
		}
	})
}
