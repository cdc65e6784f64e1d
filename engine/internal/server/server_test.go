package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"caracal.dev/engine/internal/engine"
)

const allowTrusted = "package caracal.authz\n\nallow if \"trusted\" in input.principal.labels\n"

func newTestServer(opts Options) *Server {
	cfg := engine.DefaultConfig()
	cfg.Deadline = 5 * time.Second // the race detector slows evaluation down
	return New(engine.New(cfg), opts)
}

func do(t *testing.T, h http.Handler, method, path, body string, header ...string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: content type %q", method, path, ct)
	}
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: body is not a JSON object: %q", method, path, rec.Body.String())
	}
	return rec.Code, out
}

func module(id, content string) string {
	b, _ := json.Marshal(map[string]any{"id": id, "policy": "policy-" + id, "policy_version_id": id, "version": 1, "content": content})
	return string(b)
}

// sub compares the fields of want found in got, structurally.
func sub(t *testing.T, label string, got, want map[string]any) {
	t.Helper()
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("%s: %s = %#v, want %#v", label, k, got[k], w)
		}
	}
}

func TestBadRequestsOnEveryEndpoint(t *testing.T) {
	t.Parallel()
	s := newTestServer(Options{MaxBody: 4096})
	big := `{"content": "` + strings.Repeat("x", 5000) + `"}`
	mod := module("m1", allowTrusted)
	tests := []struct {
		path, body string
		status     int
		code, msg  string
	}{
		{"/v1/compile", `{"modules": [`, 400, "invalid_request", "not valid JSON"},
		{"/v1/compile", ``, 400, "invalid_request", "body is empty"},
		{"/v1/compile", `[]`, 400, "invalid_request", "must be a JSON object, not an array"},
		{"/v1/compile", `{}`, 400, "invalid_request", "Field modules is required"},
		{"/v1/compile", `{"modules": []}`, 400, "invalid_request", "at least one module"},
		{"/v1/compile", `{"modules": "x"}`, 400, "invalid_request", "Field modules must be an array, not a string"},
		{"/v1/compile", `{"modules": [{"policy": "p", "content": ""}]}`, 400, "invalid_request", "modules[0].id is required"},
		{"/v1/compile", `{"modules": [{"id": 3, "policy": "p", "content": ""}]}`, 400, "invalid_request", "Field modules.id must be a string, not a number"},
		{"/v1/compile", `{"modules": [{"id": "a", "content": ""}]}`, 400, "invalid_request", "modules[0].policy is required"},
		{"/v1/compile", `{"modules": [{"id": "a", "policy": "p"}]}`, 400, "invalid_request", "modules[0].content is required"},
		{"/v1/compile", `{"modules": []} {}`, 400, "invalid_request", "data after the JSON object"},
		{"/v1/compile", big, 413, "body_too_large", "larger than the limit"},
		{"/v1/bundles", `{"modules": [` + mod + `]}`, 400, "invalid_request", "Field key is required"},
		{"/v1/bundles", `{"key": "", "modules": [` + mod + `]}`, 400, "invalid_request", "non-empty string"},
		{"/v1/bundles", `{"key": "k"}`, 400, "invalid_request", "Field modules is required"},
		{"/v1/bundles", `{"key": 1, "modules": []}`, 400, "invalid_request", "Field key must be a string"},
		{"/v1/bundles", `{"key": "k", "modules": [` + module("m", "package caracal.authz\n\nallow if {\n") + `]}`, 422, "compile_failed", "do not compile"},
		{"/v1/bundles", big, 413, "body_too_large", "larger than the limit"},
		{"/v1/evaluate", `{"input": {}}`, 400, "invalid_request", "exactly one of key"},
		{"/v1/evaluate", `{"key": "k", "modules": [` + mod + `], "input": {}}`, 400, "invalid_request", "exactly one of key"},
		{"/v1/evaluate", `{"key": "k"}`, 400, "invalid_request", "Field input is required"},
		{"/v1/evaluate", `{"key": "k", "input": {}, "explain": "loud"}`, 400, "invalid_request", "explain must be one of"},
		{"/v1/evaluate", `{"key": "k", "input": {}, "explain": 1}`, 400, "invalid_request", "Field explain must be a string"},
		{"/v1/evaluate", `{"key": "k", "input": {}, "deadline_ms": 0}`, 400, "invalid_request", "deadline_ms must be between"},
		{"/v1/evaluate", `{"key": "k", "input": {}, "deadline_ms": "5"}`, 400, "invalid_request", "deadline_ms must be an integer"},
		{"/v1/evaluate", `{"key": "never-loaded", "input": {}}`, 404, "bundle_not_loaded", "load it with POST /v1/bundles"},
		{"/v1/evaluate", `{"modules": [` + module("m", "package caracal.authz\n\nallow if time.now_ns() > 0\n") + `], "input": {}}`, 422, "compile_failed", "time.now_ns"},
		{"/v1/evaluate", `{"key": "k", "input": {`, 400, "invalid_request", "not valid JSON"},
		{"/v1/evaluate", big, 413, "body_too_large", "larger than the limit"},
		{"/v1/evaluate/batch", `{"inputs": []}`, 400, "invalid_request", "Field key is required"},
		{"/v1/evaluate/batch", `{"key": "k"}`, 400, "invalid_request", "Field inputs is required"},
		{"/v1/evaluate/batch", `{"key": "k", "inputs": {}}`, 400, "invalid_request", "Field inputs must be an array, not an object"},
		{"/v1/evaluate/batch", `{"key": "k", "inputs": [` + strings.Repeat("1,", 10000) + `1]}`, 413, "body_too_large", "larger than the limit"},
		{"/v1/evaluate/batch", `{"key": "missing", "inputs": [{}]}`, 404, "bundle_not_loaded", "load it"},
		{"/v1/evaluate/batch", `nope`, 400, "invalid_request", "not valid JSON"},
		{"/v1/format", `{}`, 400, "invalid_request", "Field content is required"},
		{"/v1/format", `{"content": false}`, 400, "invalid_request", "Field content must be a string, not a bool"},
		{"/v1/format", `{"content": "package"}`, 422, "compile_failed", "do not compile"},
		{"/v1/format", `{"content"`, 400, "invalid_request", "not valid JSON"},
		{"/v1/format", big, 413, "body_too_large", "larger than the limit"},
		{"/v1/test", `{}`, 400, "invalid_request", "Field modules is required"},
		{"/v1/test", `{"modules": [{"id": "a", "policy": "p", "content": 5}]}`, 400, "invalid_request", "Field modules.content must be a string"},
		{"/v1/test", `{"modules": [` + module("m", "package x\n\ntest_a if {\n") + `]}`, 422, "compile_failed", "do not compile"},
		{"/v1/test", big, 413, "body_too_large", "larger than the limit"},
		{"/v1/nothing", `{}`, 404, "not_found", "no route POST /v1/nothing"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s %d %s", tc.path, tc.status, tc.msg), func(t *testing.T) {
			t.Parallel()
			status, body := do(t, s, http.MethodPost, tc.path, tc.body)
			if status != tc.status {
				t.Fatalf("status %d, want %d: %v", status, tc.status, body)
			}
			msg, _ := body["message"].(string)
			if body["error"] != tc.code || !strings.Contains(msg, tc.msg) {
				t.Errorf("body %v, want error %s with message containing %q", body, tc.code, tc.msg)
			}
			if tc.status == 422 {
				if errs, _ := body["errors"].([]any); len(errs) == 0 {
					t.Errorf("422 without errors: %v", body)
				}
			}
		})
	}
}

func TestContentLimit(t *testing.T) {
	t.Parallel()
	s := newTestServer(Options{})
	src := "package caracal.authz\n" + strings.Repeat("#", MaxContentChars-len("package caracal.authz\n")+1)
	status, body := do(t, s, http.MethodPost, "/v1/compile", `{"modules": [`+module("m", src)+`]}`)
	if status != 400 || !strings.Contains(body["message"].(string), "at most 262144") {
		t.Fatalf("%d %v", status, body)
	}
}

func TestHappyPaths(t *testing.T) {
	t.Parallel()
	s := newTestServer(Options{})
	mod := module("pv1", allowTrusted)

	status, body := do(t, s, http.MethodGet, "/health", "")
	sub(t, "health", body, map[string]any{"ok": true})
	if status != 200 {
		t.Fatalf("health %d", status)
	}

	_, body = do(t, s, http.MethodPost, "/v1/compile", `{"modules": [`+mod+`]}`)
	sub(t, "compile", body, map[string]any{"ok": true, "errors": []any{}, "warnings": []any{},
		"modules": []any{map[string]any{"id": "pv1", "package": "caracal.authz", "rules": []any{"allow"}}}})

	status, body = do(t, s, http.MethodPost, "/v1/bundles", `{"key": "sha-1", "modules": [`+mod+`]}`)
	sub(t, "load", body, map[string]any{"key": "sha-1", "loaded": true, "cached": false})
	if status != 200 {
		t.Fatalf("load %d %v", status, body)
	}
	_, body = do(t, s, http.MethodPost, "/v1/bundles", `{"key": "sha-1", "modules": [`+mod+`]}`)
	sub(t, "reload", body, map[string]any{"cached": true, "compile_ms": 0.0})

	status, body = do(t, s, http.MethodGet, "/v1/bundles/sha-1", "")
	sub(t, "bundle status", body, map[string]any{"key": "sha-1", "loaded": true})
	status, body = do(t, s, http.MethodGet, "/v1/bundles/other", "")
	if status != 404 || body["error"] != "bundle_not_loaded" {
		t.Errorf("unknown bundle: %d %v", status, body)
	}

	status, body = do(t, s, http.MethodPost, "/v1/evaluate", `{"key": "sha-1", "input": {"principal": {"labels": ["trusted"]}}}`)
	if status != 200 {
		t.Fatalf("evaluate %d %v", status, body)
	}
	sub(t, "evaluate", body["result"].(map[string]any), map[string]any{
		"decision": "allow", "evaluation_status": "complete", "diagnostics": []any{},
		"determining_policies": []any{map[string]any{"policy": "policy-pv1", "policy_id": "", "policy_version_id": "pv1", "version": 1.0, "rule": "allow", "location": map[string]any{"row": 3.0, "col": 1.0}}},
	})
	if _, ok := body["trace"]; ok {
		t.Error("trace returned with explain off")
	}
	if _, ok := body["metrics"].(map[string]any)["eval_ms"].(float64); !ok {
		t.Errorf("metrics %v", body["metrics"])
	}

	_, body = do(t, s, http.MethodPost, "/v1/evaluate", `{"modules": [`+mod+`], "input": "not an object", "explain": "full"}`)
	sub(t, "inline", body["result"].(map[string]any), map[string]any{"decision": "deny", "diagnostics": []any{map[string]any{"reason": "no_rule_matched"}}})
	if tr, ok := body["trace"].([]any); !ok || len(tr) == 0 {
		t.Errorf("no trace at full: %v", body)
	}

	_, body = do(t, s, http.MethodPost, "/v1/evaluate/batch", `{"key": "sha-1", "inputs": [{"principal": {"labels": ["trusted"]}}, {}, null]}`)
	var decisions []any
	for _, r := range body["results"].([]any) {
		decisions = append(decisions, r.(map[string]any)["decision"])
	}
	if !reflect.DeepEqual(decisions, []any{"allow", "deny", "deny"}) {
		t.Errorf("batch decisions %v", decisions)
	}

	_, body = do(t, s, http.MethodPost, "/v1/format", `{"content": "package caracal.authz\nallow if   true"}`)
	sub(t, "format", body, map[string]any{"formatted": "package caracal.authz\n\nallow := true\n"})

	_, body = do(t, s, http.MethodPost, "/v1/test", `{"modules": [`+mod+`, `+module("t", "package caracal.authz_test\n\nimport data.caracal.authz\n\ntest_ok if authz.allow with input as {\"principal\": {\"labels\": [\"trusted\"]}}\n")+`]}`)
	sub(t, "test", body, map[string]any{"passed": 1.0, "failed": 0.0, "errored": 0.0})

	_, body = do(t, s, http.MethodGet, "/v1/builtins", "")
	if bs, _ := body["builtins"].([]any); len(bs) < 150 {
		t.Errorf("builtins: %d", len(bs))
	}

	_, body = do(t, s, http.MethodGet, "/version", "")
	sub(t, "version", body, map[string]any{"schema_version": "2026-05-20"})
	if c := body["cache"].(map[string]any); c["entries"].(float64) < 1 || c["hits"].(float64) < 1 {
		t.Errorf("cache stats %v", c)
	}
}

func TestSecretIsRequiredOnTCP(t *testing.T) {
	t.Parallel()
	s := newTestServer(Options{Secret: "s3cret"})
	tests := []struct {
		method, path, auth string
		status             int
	}{
		{"GET", "/health", "", 200},
		{"GET", "/version", "", 401},
		{"GET", "/version", "Bearer wrong", 401},
		{"GET", "/version", "Bearer s3cret", 200},
		{"POST", "/v1/compile", "", 401},
		{"GET", "/v1/builtins", "s3cret", 401},
	}
	for _, tc := range tests {
		t.Run(tc.method+tc.path+tc.auth, func(t *testing.T) {
			t.Parallel()
			status, body := do(t, s, tc.method, tc.path, "{}", "Authorization", tc.auth)
			if status != tc.status {
				t.Errorf("status %d, want %d (%v)", status, tc.status, body)
			}
			if tc.status == 401 && body["error"] != "unauthorized" {
				t.Errorf("body %v", body)
			}
		})
	}
}
