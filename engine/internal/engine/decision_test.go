package engine

import (
	"context"
	"slices"
	"strings"
	"testing"

	"caracal.dev/engine/internal/wire"
)

const scopesPolicy = `package caracal.authz

allow if {
	input.resource.identifier == "resource://billing"
	every s in input.context.requested_scopes { s in {"read", "write"} }
}
`

const labelsPolicy = `package caracal.authz

allow if "trusted" in input.principal.labels
`

const denyListPolicy = `package caracal.authz

blocked := {"app-evil", "app-old"}

deny contains "principal_blocked" if input.principal.id in blocked

deny contains {"reason": "scope_forbidden", "message": sprintf("scope %s is never granted", [s])} if {
	some s in input.context.requested_scopes
	s == "admin"
}
`

func TestDecisionContract(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	tests := []struct {
		name        string
		mods        []wire.Module
		input       any
		decision    string
		determining []string
		reasons     []string
	}{
		{
			name:        "allow from one policy",
			mods:        []wire.Module{policy("scopes", scopesPolicy), policy("labels", labelsPolicy)},
			input:       stsInput("app-1", nil, "resource://billing", "read"),
			decision:    "allow",
			determining: []string{"scopes/allow@3:1"},
			reasons:     []string{},
		},
		{
			name:        "allow from two policies lists both",
			mods:        []wire.Module{policy("scopes", scopesPolicy), policy("labels", labelsPolicy)},
			input:       stsInput("app-1", []string{"trusted"}, "resource://billing", "read"),
			decision:    "allow",
			determining: []string{"scopes/allow@3:1", "labels/allow@3:1"},
			reasons:     []string{},
		},
		{
			name: "two allow definitions in one policy: only the one that succeeded",
			mods: []wire.Module{policy("two", `package caracal.authz

allow if input.principal.id == "app-1"

allow if input.principal.id == "app-2"
`)},
			input:       stsInput("app-2", nil, "resource://x"),
			decision:    "allow",
			determining: []string{"two/allow@5:1"},
			reasons:     []string{},
		},
		{
			name:        "deny overrides allow and lists only deny policies",
			mods:        []wire.Module{policy("scopes", scopesPolicy), policy("labels", labelsPolicy), policy("denylist", denyListPolicy)},
			input:       stsInput("app-evil", []string{"trusted"}, "resource://billing", "read"),
			decision:    "deny",
			determining: []string{"denylist/deny@5:1"},
			reasons:     []string{"principal_blocked (denylist)"},
		},
		{
			name:        "string and object deny reasons from two rules",
			mods:        []wire.Module{policy("labels", labelsPolicy), policy("denylist", denyListPolicy)},
			input:       stsInput("app-old", []string{"trusted"}, "resource://billing", "read", "admin"),
			decision:    "deny",
			determining: []string{"denylist/deny@5:1", "denylist/deny@7:1"},
			reasons:     []string{"principal_blocked (denylist)", "scope_forbidden: scope admin is never granted (denylist)"},
		},
		{
			name:        "nothing allowed nothing denied: no_rule_matched",
			mods:        []wire.Module{policy("scopes", scopesPolicy), policy("denylist", denyListPolicy)},
			input:       stsInput("app-1", nil, "resource://other", "read"),
			decision:    "deny",
			determining: []string{},
			reasons:     []string{"no_rule_matched"},
		},
		{
			name: "allow false is not an allow and is not listed",
			mods: []wire.Module{policy("falsy", `package caracal.authz

allow := false if input.principal.id == "app-1"
`)},
			input:       stsInput("app-1", nil, "resource://x"),
			decision:    "deny",
			determining: []string{},
			reasons:     []string{"no_rule_matched"},
		},
		{
			name: "undefined allow is false without any default",
			mods: []wire.Module{policy("never", `package caracal.authz

allow if input.nothing == "here"
`)},
			input:       stsInput("app-1", nil, "resource://x"),
			decision:    "deny",
			determining: []string{},
			reasons:     []string{"no_rule_matched"},
		},
		{
			name:        "default allow false with a matching allow",
			mods:        []wire.Module{policy("defaults", "package caracal.authz\n\ndefault allow := false\n"), policy("labels", labelsPolicy)},
			input:       stsInput("app-1", []string{"trusted"}, "resource://x"),
			decision:    "allow",
			determining: []string{"labels/allow@3:1"},
			reasons:     []string{},
		},
		{
			name: "helper rules in another package of the set",
			mods: []wire.Module{
				policy("lib", "package caracal.lib.resources\n\nbilling(id) if startswith(id, \"resource://billing\")\n"),
				policy("uses-lib", "package caracal.authz\n\nimport data.caracal.lib.resources\n\nallow if resources.billing(input.resource.identifier)\n"),
			},
			input:       stsInput("app-1", nil, "resource://billing/invoices"),
			decision:    "allow",
			determining: []string{"uses-lib/allow@5:1"},
			reasons:     []string{},
		},
		{
			name: "a rule that refers to allow sees the usual document",
			mods: []wire.Module{
				policy("labels", labelsPolicy),
				policy("audit-only", "package caracal.authz\n\ndeny contains \"untrusted_admin\" if {\n\tnot allow\n\t\"admin\" in input.context.requested_scopes\n}\n"),
			},
			input:       stsInput("app-1", nil, "resource://x", "admin"),
			decision:    "deny",
			determining: []string{"audit-only/deny@3:1"},
			reasons:     []string{"untrusted_admin (audit-only)"},
		},
		{
			name: "else branch: only a true value determines",
			mods: []wire.Module{policy("else", `package caracal.authz

allow if {
	input.principal.id == "app-1"
} else := false if {
	input.principal.id == "app-2"
}
`)},
			input:       stsInput("app-2", nil, "resource://x"),
			decision:    "deny",
			determining: []string{},
			reasons:     []string{"no_rule_matched"},
		},
		{
			name: "allow from the authz package and from a parent package's ref head",
			mods: []wire.Module{
				policy("parent", "package caracal\n\nauthz.allow if input.principal.id == \"app-1\"\n\nauthz.deny contains \"parent_says_no\" if input.principal.id == \"app-2\"\n"),
				policy("labels", labelsPolicy),
			},
			input:       stsInput("app-1", []string{"trusted"}, "resource://x"),
			decision:    "allow",
			determining: []string{"parent/allow@3:1", "labels/allow@3:1"},
			reasons:     []string{},
		},
		{
			name: "deny from a parent package's ref head",
			mods: []wire.Module{
				policy("parent", "package caracal\n\nauthz.allow if input.principal.id == \"app-2\"\n\nauthz.deny contains \"parent_says_no\" if input.principal.id == \"app-2\"\n"),
				policy("labels", labelsPolicy),
			},
			input:       stsInput("app-2", []string{"trusted"}, "resource://x"),
			decision:    "deny",
			determining: []string{"parent/deny@5:1"},
			reasons:     []string{"parent_says_no (parent)"},
		},
		{
			name:        "allow written with a ref head in a parent package",
			mods:        []wire.Module{policy("parent", "package caracal\n\nauthz.allow if input.principal.id == \"app-1\"\n")},
			input:       stsInput("app-1", nil, "resource://x"),
			decision:    "allow",
			determining: []string{"parent/allow@3:1"},
			reasons:     []string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := evalInline(t, e, tc.mods, tc.input, ExplainOff).Result
			if r.EvaluationStatus != "complete" {
				t.Fatalf("status %s: %v", r.EvaluationStatus, r.Diagnostics)
			}
			if r.Decision != tc.decision {
				t.Errorf("decision = %s, want %s (%v)", r.Decision, tc.decision, reasons(r))
			}
			if got := determining(r); !slices.Equal(got, tc.determining) {
				t.Errorf("determining = %v, want %v", got, tc.determining)
			}
			if got := reasons(r); !slices.Equal(got, tc.reasons) {
				t.Errorf("diagnostics = %v, want %v", got, tc.reasons)
			}
		})
	}
}

func TestDeterminingPolicyCarriesVersionIdentity(t *testing.T) {
	t.Parallel()
	m := wire.Module{ID: "pv-9", Policy: "labels", PolicyID: "pol-1", PolicyVersionID: "pv-9", Version: 7, Content: labelsPolicy}
	r := evalInline(t, newTestEngine(), []wire.Module{m}, stsInput("a", []string{"trusted"}, "resource://x"), ExplainOff).Result
	want := wire.DeterminingPolicy{Policy: "labels", PolicyID: "pol-1", PolicyVersionID: "pv-9", Version: 7, Rule: "allow", Location: wire.Location{Row: 3, Col: 1}}
	if len(r.DeterminingPolicies) != 1 || r.DeterminingPolicies[0] != want {
		t.Fatalf("determining = %+v, want %+v", r.DeterminingPolicies, want)
	}
}

func TestConflictingAllowValuesAreAnError(t *testing.T) {
	t.Parallel()
	mods := []wire.Module{
		policy("yes", "package caracal.authz\n\nallow if input.x == 1\n"),
		policy("no", "package caracal.authz\n\nallow := false if input.x == 1\n"),
	}
	r := evalInline(t, newTestEngine(), mods, map[string]any{"x": 1}, ExplainOff).Result
	if r.Decision != "deny" || r.EvaluationStatus != "error" || len(r.DeterminingPolicies) != 0 || r.Diagnostics[0].Reason != "evaluation_error" {
		t.Fatalf("got %+v", r)
	}
}

func TestInputThatIsNotAnObject(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := []wire.Module{policy("labels", labelsPolicy), policy("open", "package caracal.authz\n\nallow if input == 42\n")}
	for _, in := range []any{nil, 42, "text", []any{1, 2}, true} {
		r := evalInline(t, e, mods, in, ExplainOff).Result
		want := "deny"
		if in == 42 {
			want = "allow"
		}
		if r.EvaluationStatus != "complete" || r.Decision != want {
			t.Errorf("input %v: got %s/%s %v, want %s", in, r.EvaluationStatus, r.Decision, r.Diagnostics, want)
		}
	}
}

func TestContractShapesAreCompileErrors(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	tests := []struct{ name, src, want string }{
		{"deny as an object", "package caracal.authz\n\ndeny[x] := 1 if x := \"a\"\n", "deny must be a set rule"},
		{"allow as a function", "package caracal.authz\n\nallow(x) if x\n", "allow must be a rule, not a function"},
		{"allow with keys", "package caracal.authz\n\nallow.read if true\n", "allow must be a boolean rule"},
		{"reserved name", "package caracal.authz\n\n__caracal_allow_hits contains 1 if true\n", "reserved for the engine"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := e.Compile([]wire.Module{policy("p", tc.src)})
			if r.OK || len(r.Errors) == 0 || r.Errors[0].Row != 3 || !strings.Contains(r.Errors[0].Message, tc.want) {
				t.Fatalf("errors = %+v", r.Errors)
			}
			if _, _, err := e.Load(context.Background(), "k-"+tc.name, []wire.Module{policy("p", tc.src)}); err == nil {
				t.Fatal("loaded a set that breaks the contract")
			}
		})
	}
}
