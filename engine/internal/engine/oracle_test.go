package engine

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"caracal.dev/engine/internal/wire"
)

// TestDeterminingPoliciesMatchATracedOracle checks the instrumented
// evaluation against an independent answer: plain OPA on the uninstrumented
// set, without early exit, traced, where a rule's Exit event means its body
// succeeded. Decisions, deny reasons and determining rule locations must agree.
func TestDeterminingPoliciesMatchATracedOracle(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	sets := map[string][]wire.Module{
		"bench-10": benchSet(10),
		"mixed": {
			policy("scopes", scopesPolicy), policy("labels", labelsPolicy), policy("denylist", denyListPolicy),
			policy("two", "package caracal.authz\n\nallow if input.principal.id == \"app-1\"\n\nallow if input.principal.id == \"app-old\"\n"),
		},
	}
	for name, mods := range sets {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ps, errs := parseSet(mods, e.caps)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			compiler, _, cerrs := ps.compile(e.caps, false, false)
			if len(cerrs) > 0 {
				t.Fatal(cerrs)
			}
			pq, err := rego.New(rego.Compiler(compiler), rego.Query(`a = [x | x = data.caracal.authz.allow]; d = [x | x = data.caracal.authz.deny]`)).PrepareForEval(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			bundle := mustPrepare(t, e, mods)
			inputs := benchInputs(t, 10, 40)
			inputs = append(inputs,
				mustJSON(t, stsInput("app-old", []string{"trusted"}, "resource://billing", "read", "admin")),
				mustJSON(t, stsInput("app-1", []string{"trusted"}, "resource://billing", "read")),
				mustJSON(t, stsInput("app-evil", nil, "resource://billing", "write")))
			for i, raw := range inputs {
				got, _, _ := e.evalOne(context.Background(), bundle, raw, ExplainOff, 5*time.Second)
				in, _ := parseInput(raw)
				buf := topdown.NewBufferTracer()
				rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(in), rego.EvalQueryTracer(buf), rego.EvalEarlyExit(false))
				if err != nil || len(rs) != 1 {
					t.Fatalf("oracle: %v", err)
				}
				allowVals, _ := rs[0].Bindings["a"].([]any)
				denyVals, _ := rs[0].Bindings["d"].([]any)
				denySet, _ := func() ([]any, bool) {
					if len(denyVals) == 0 {
						return nil, false
					}
					s, ok := denyVals[0].([]any)
					return s, ok
				}()
				want := "deny"
				if len(allowVals) == 1 && allowVals[0] == true && len(denySet) == 0 {
					want = "allow"
				}
				if got.Decision != want {
					t.Fatalf("input %d: decision %s, oracle %s", i, got.Decision, want)
				}
				var oracle []string
				for _, ev := range *buf {
					r, ok := ev.Node.(*ast.Rule)
					if ev.Op != topdown.ExitOp || !ok || r.Module == nil {
						continue
					}
					path := r.Module.Package.Path.Extend(r.Head.Ref()).String()
					kind := map[string]string{allowDoc: "allow", denyDoc: "deny"}[path]
					if kind == "" || (want == "allow") != (kind == "allow") {
						continue
					}
					entry := fmt.Sprintf("%s/%s@%d:%d", ps.sources[ps.byFile[r.Location.File]].Policy, kind, r.Location.Row, r.Location.Col)
					if !slices.Contains(oracle, entry) {
						oracle = append(oracle, entry)
					}
				}
				if want == "deny" && len(denySet) == 0 {
					oracle = nil // default deny: nothing determines it
				}
				gotList := determining(got)
				slices.Sort(oracle)
				slices.Sort(gotList)
				if !slices.Equal(gotList, oracle) && !(len(gotList) == 0 && len(oracle) == 0) {
					t.Errorf("input %d: determining %v, oracle %v", i, gotList, oracle)
				}
				if len(denySet) != countDenyDiagnostics(got) && !(want == "allow" && len(denySet) == 0) {
					t.Errorf("input %d: %d deny elements, %d diagnostics %v", i, len(denySet), countDenyDiagnostics(got), got.Diagnostics)
				}
			}
		})
	}
}

func countDenyDiagnostics(r wire.Result) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Reason != "no_rule_matched" {
			n++
		}
	}
	return n
}
