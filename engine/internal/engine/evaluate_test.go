package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"caracal.dev/engine/internal/wire"
)

func TestDeadlineEndsASlowEvaluationAsDeny(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	slow := policy("slow", `package caracal.authz

allow if {
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i + j < 0
}
`)
	start := time.Now()
	resp, err := e.Evaluate(context.Background(), EvalRequest{Modules: []wire.Module{slow}, Input: json.RawMessage(`{}`), Deadline: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	r := resp.Result
	if r.Decision != "deny" || r.EvaluationStatus != "error" || len(r.DeterminingPolicies) != 0 {
		t.Fatalf("result %+v", r)
	}
	if d := r.Diagnostics; len(d) != 1 || d[0].Reason != "evaluation_error" || !strings.Contains(d[0].Message, "deadline of 50ms") {
		t.Errorf("diagnostics %+v", d)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("took %s", took)
	}
}

func TestRuntimeErrorIsAnErrorResult(t *testing.T) {
	t.Parallel()
	mods := []wire.Module{policy("div", "package caracal.authz\n\nf(x) := 1 if x > 0\nf(x) := 2 if x > 1\n\nallow if f(input.n) == 1\n")}
	r := evalInline(t, newTestEngine(), mods, map[string]any{"n": 5}, ExplainOff).Result
	if r.Decision != "deny" || r.EvaluationStatus != "error" || r.Diagnostics[0].Reason != "evaluation_error" || r.Diagnostics[0].Policy != "div" {
		t.Fatalf("result %+v", r)
	}
}

func TestPanicBecomesErrorResult(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	ps, _ := parseSet([]wire.Module{policy("p", labelsPolicy)}, e.caps)
	broken := &Bundle{set: ps, plan: &plan{}} // zero prepared query: OPA panics on it
	r, _, _ := e.evalOne(context.Background(), broken, json.RawMessage(`{}`), ExplainOff, time.Second)
	if r.Decision != "deny" || r.EvaluationStatus != "error" || !strings.Contains(r.Diagnostics[0].Message, "failed") {
		t.Fatalf("result %+v", r)
	}
}

func TestPrintIsCapturedAsNotes(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := []wire.Module{policy("loud", "package caracal.authz\n\nallow if {\n\tprint(\"checking\", input.principal.id)\n\tinput.principal.id == \"a\"\n}\n")}
	for _, level := range []string{ExplainNotes, ExplainFails, ExplainFull} {
		resp := evalInline(t, e, mods, stsInput("a", nil, "resource://x"), level)
		var notes []wire.TraceEvent
		for _, ev := range resp.Trace {
			if ev.Op == "note" {
				notes = append(notes, ev)
			}
		}
		if level == ExplainFails {
			continue // fails shows the paths to failures only
		}
		if len(notes) != 1 || notes[0].Message != "checking a" || notes[0].Location == nil || notes[0].Location.Row != 4 || notes[0].Location.Policy != "loud" {
			t.Errorf("%s: notes %+v", level, notes)
		}
	}
	if resp := evalInline(t, e, mods, stsInput("a", nil, "resource://x"), ExplainOff); resp.Trace != nil {
		t.Errorf("explain off returned a trace: %+v", resp.Trace)
	}
}

func TestExplainLevels(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := []wire.Module{policy("scopes", scopesPolicy), policy("denylist", denyListPolicy)}
	in := stsInput("app-1", nil, "resource://billing", "read")
	sizes := map[string]int{}
	for _, level := range []string{ExplainOff, ExplainNotes, ExplainFails, ExplainFull} {
		t.Run(level, func(t *testing.T) {
			resp := evalInline(t, e, mods, in, level)
			if resp.Result.Decision != "allow" {
				t.Fatalf("decision %+v", resp.Result)
			}
			sizes[level] = len(resp.Trace)
			for _, ev := range resp.Trace {
				if ev.Location == nil && ev.Op != "note" && ev.Op != "index" {
					t.Errorf("event without location: %+v", ev)
				}
				if strings.Contains(ev.Node, syntheticPrefix) {
					t.Errorf("private name in trace: %+v", ev)
				}
				switch ev.Op {
				case "enter", "exit", "eval", "fail", "redo", "note", "index":
				default:
					t.Errorf("op %q", ev.Op)
				}
				if ev.Locals != nil && level != ExplainFull {
					t.Errorf("locals at %s", level)
				}
			}
			if level == ExplainFull {
				var sawLocal, sawRule bool
				for _, ev := range resp.Trace {
					if _, ok := ev.Locals["s"]; ok {
						sawLocal = true
					}
					if ev.Op == "enter" && ev.Node == "allow" && ev.Location.Policy == "scopes" && ev.Location.Row == 3 {
						sawRule = true
					}
				}
				if !sawLocal || !sawRule {
					t.Errorf("full trace lacks locals (%v) or the allow rule (%v)", sawLocal, sawRule)
				}
			}
			if level == ExplainFails {
				var fails int
				for _, ev := range resp.Trace {
					if ev.Op == "fail" {
						fails++
					}
				}
				if fails == 0 {
					t.Errorf("fails trace has no fail event")
				}
			}
		})
	}
	if sizes[ExplainOff] != 0 || sizes[ExplainFull] <= sizes[ExplainFails] {
		t.Errorf("trace sizes %v", sizes)
	}
}

func TestTraceIsBounded(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.MaxTrace = 10
	e := New(cfg)
	resp := evalInline(t, e, []wire.Module{policy("scopes", scopesPolicy), policy("denylist", denyListPolicy)}, stsInput("a", nil, "resource://billing", "read"), ExplainFull)
	if len(resp.Trace) != 10 || !resp.Truncated {
		t.Fatalf("trace %d events, truncated %v", len(resp.Trace), resp.Truncated)
	}
}

func TestSameInputSameResultThousandTimes(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := []wire.Module{policy("scopes", scopesPolicy), policy("labels", labelsPolicy), policy("denylist", denyListPolicy)}
	in := stsInput("app-old", []string{"trusted"}, "resource://billing", "read", "admin")
	first := evalInline(t, e, mods, in, ExplainOff).Result
	for i := range 1000 {
		if r := evalInline(t, e, mods, in, ExplainOff).Result; !reflect.DeepEqual(r, first) {
			t.Fatalf("run %d differs:\n%+v\n%+v", i, r, first)
		}
	}
}

func TestConcurrentEvaluationOfOneBundle(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	ctx := context.Background()
	if _, _, err := e.Load(ctx, "shared", []wire.Module{policy("scopes", scopesPolicy), policy("labels", labelsPolicy), policy("denylist", denyListPolicy)}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 16 {
		wg.Go(func() {
			for i := range 50 {
				app := fmt.Sprintf("app-%d", i)
				wantDecision := "allow"
				if (g+i)%3 == 0 {
					app = "app-evil"
					wantDecision = "deny"
				}
				explain := []string{ExplainOff, ExplainNotes, ExplainFull}[i%3]
				resp, err := e.Evaluate(ctx, EvalRequest{Key: "shared", Input: mustJSON(t, stsInput(app, []string{"trusted"}, "resource://x")), Explain: explain, Deadline: 10 * time.Second})
				if err != nil || resp.Result.Decision != wantDecision {
					errs <- fmt.Sprintf("g%d i%d: %v %+v", g, i, err, resp.Result)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

func TestBundlesLoadCacheAndEvict(t *testing.T) {
	t.Parallel()
	cfg := DefaultConfig()
	cfg.CacheEntries = 2
	e := New(cfg)
	ctx := context.Background()
	mods := []wire.Module{policy("labels", labelsPolicy)}
	if _, err := e.Evaluate(ctx, EvalRequest{Key: "a", Input: json.RawMessage(`{}`)}); !errors.Is(err, ErrBundleNotLoaded) {
		t.Fatalf("unknown key: %v", err)
	}
	for _, k := range []string{"a", "b"} {
		if cached, _, err := e.Load(ctx, k, mods); err != nil || cached {
			t.Fatalf("load %s: cached=%v err=%v", k, cached, err)
		}
	}
	if cached, _, _ := e.Load(ctx, "a", mods); !cached {
		t.Error("second load of a was not cached")
	}
	_, _, _ = e.Load(ctx, "c", mods) // evicts b, the least recently used
	if !e.Loaded("a") || e.Loaded("b") || !e.Loaded("c") {
		t.Errorf("loaded a=%v b=%v c=%v", e.Loaded("a"), e.Loaded("b"), e.Loaded("c"))
	}
	st := e.Version().Cache
	if st.Entries != 2 || st.Evictions != 1 || st.MaxEntries != 2 || st.Bytes <= 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestCacheByteBound(t *testing.T) {
	t.Parallel()
	c := newBundleCache(100, 1000)
	for i, size := range []int64{400, 400, 400} {
		c.put(fmt.Sprint(i), &Bundle{size: size})
	}
	if st := c.stats(); st.Entries != 2 || st.Bytes != 800 || st.Evictions != 1 || c.peek("0") {
		t.Fatalf("stats %+v", st)
	}
	c.put("huge", &Bundle{size: 5000})
	if st := c.stats(); st.Entries != 1 || !c.peek("huge") {
		t.Fatalf("a bundle over the bound must still load alone: %+v", st)
	}
}

func TestBatchKeepsOrder(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	ctx := context.Background()
	if _, _, err := e.Load(ctx, "k", []wire.Module{policy("labels", labelsPolicy), policy("denylist", denyListPolicy)}); err != nil {
		t.Fatal(err)
	}
	inputs := make([]json.RawMessage, 1000)
	for i := range inputs {
		labels := []string{}
		if i%2 == 0 {
			labels = []string{"trusted"}
		}
		inputs[i] = mustJSON(t, stsInput(fmt.Sprint(i), labels, "resource://x"))
	}
	inputs[7] = json.RawMessage(`"not an object"`)
	resp, err := e.EvaluateBatch(ctx, "k", inputs, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range resp.Results {
		want := "deny"
		if i%2 == 0 {
			want = "allow"
		}
		if r.Decision != want || r.EvaluationStatus != "complete" {
			t.Fatalf("result %d = %+v, want %s", i, r, want)
		}
	}
	// Each input's own evaluation time, in input order (the STS audits it per decision).
	if len(resp.Metrics.EachEvalMS) != len(inputs) {
		t.Fatalf("each_eval_ms has %d entries for %d inputs", len(resp.Metrics.EachEvalMS), len(inputs))
	}
	var sum float64
	for i, m := range resp.Metrics.EachEvalMS {
		if m <= 0 {
			t.Fatalf("each_eval_ms[%d] = %v, want > 0", i, m)
		}
		sum += m
	}
	if sum < resp.Metrics.EvalMS/float64(runtime.GOMAXPROCS(0))/2 {
		t.Errorf("per-input times sum to %.3f ms, implausibly small beside the batch's %.3f ms", sum, resp.Metrics.EvalMS)
	}
	if _, err := e.EvaluateBatch(ctx, "missing", inputs, 0); !errors.Is(err, ErrBundleNotLoaded) {
		t.Errorf("missing key: %v", err)
	}
}

func TestConcurrentLoadsOfOneKeyShareOneEntry(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := []wire.Module{policy("scopes", scopesPolicy), policy("labels", labelsPolicy)}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, _, err := e.Load(context.Background(), "same", mods); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if st := e.Version().Cache; st.Entries != 1 || !e.Loaded("same") {
		t.Fatalf("stats %+v", st)
	}
}

// An explanation must name the failing condition even where OPA's rule index
// would skip the rule without evaluating its body.
func TestFailsTraceNamesIndexedCondition(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := []wire.Module{policy("payments", "package caracal.authz\n\nallow if {\n\tinput.principal.labels[_] == \"team:payments\"\n\tinput.resource.identifier == \"resource://ledger\"\n}\n")}
	in := stsInput("billing", []string{"team:billing"}, "resource://ledger", "read")
	for _, level := range []string{ExplainFails, ExplainFull} {
		resp := evalInline(t, e, mods, in, level)
		if resp.Result.Decision != "deny" {
			t.Fatalf("%s: decision %q", level, resp.Result.Decision)
		}
		var failedAtLine4 bool
		for _, ev := range resp.Trace {
			if ev.Op == "fail" && ev.Location != nil && ev.Location.Policy == "payments" && ev.Location.Row == 4 {
				failedAtLine4 = true
			}
		}
		if !failedAtLine4 {
			t.Errorf("%s: no fail event at payments line 4 (the label condition); trace has %d events", level, len(resp.Trace))
		}
	}
}
