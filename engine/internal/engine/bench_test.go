package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"

	"caracal.dev/engine/internal/wire"
)

// Realistic sets: each grant policy lets one application reach its resource
// identifiers with a bounded set of scopes, lets a labelled team reach its
// prefix, and denies forbidden scopes and blocked applications; a shared
// library package holds the helpers.

const benchLib = `package caracal.lib.match

resource_in(id, allowed) if id in allowed

resource_under(id, prefix) if startswith(id, prefix)

scopes_within(requested, granted) if {
	every s in requested { s in granted }
}
`

func benchPolicy(i int) string {
	return fmt.Sprintf(`package caracal.authz

import data.caracal.lib.match

allow if {
	input.principal.id == "app-%[1]d"
	match.resource_in(input.resource.identifier, {"resource://billing/%[1]d", "resource://ledger/%[1]d"})
	match.scopes_within(input.context.requested_scopes, {"read", "write:%[1]d"})
}

allow if {
	"team-%[1]d" in input.principal.labels
	match.resource_under(input.resource.identifier, "resource://team-%[1]d/")
	count(input.context.requested_scopes) <= 3
}

blocked_%[1]d := {"app-blocked-%[1]d-a", "app-blocked-%[1]d-b", "app-blocked-%[1]d-c"}

deny contains "principal_blocked" if input.principal.id in blocked_%[1]d

deny contains {"reason": "scope_forbidden", "message": sprintf("scope %%s is never granted", [s])} if {
	some s in input.context.requested_scopes
	s in {"admin:%[1]d", "root"}
}
`, i)
}

func benchSet(n int) []wire.Module {
	mods := []wire.Module{policy("lib", benchLib)}
	for i := range n {
		mods = append(mods, policy(fmt.Sprintf("grant-%03d", i), benchPolicy(i)))
	}
	return mods
}

// benchInputs mixes allowed, team-allowed, denied and unmatched requests.
func benchInputs(b testing.TB, n, count int) []json.RawMessage {
	out := make([]json.RawMessage, count)
	for j := range out {
		i := j % n
		var in map[string]any
		switch j % 4 {
		case 0:
			in = stsInput(fmt.Sprintf("app-%d", i), []string{"prod"}, fmt.Sprintf("resource://billing/%d", i), "read")
		case 1:
			in = stsInput("app-x", []string{"prod", fmt.Sprintf("team-%d", i)}, fmt.Sprintf("resource://team-%d/docs", i), "read", "write")
		case 2:
			in = stsInput(fmt.Sprintf("app-%d", i), nil, fmt.Sprintf("resource://billing/%d", i), "read", fmt.Sprintf("admin:%d", i))
		default:
			in = stsInput("app-unknown", []string{"dev"}, "resource://elsewhere", "read")
		}
		out[j] = mustJSON(b, in)
	}
	return out
}

func loadBench(b *testing.B, e *Engine, n int) *Bundle {
	bundle, err := e.prepare(context.Background(), benchSet(n))
	if err != nil {
		b.Fatal(err)
	}
	return bundle
}

// BenchmarkEvaluate reports ns/op plus the median and 99th percentile of
// single evaluations (input JSON parsing included, HTTP excluded).
func BenchmarkEvaluate(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		for _, explain := range []string{ExplainOff, ExplainNotes, ExplainFull} {
			b.Run(fmt.Sprintf("policies=%d/explain=%s", n, explain), func(b *testing.B) {
				e := newTestEngine()
				bundle := loadBench(b, e, n)
				inputs := benchInputs(b, n, 64)
				ctx := context.Background()
				durations := make([]time.Duration, 0, b.N)
				b.ReportAllocs()
				b.ResetTimer()
				cpu0 := cpuTime()
				for i := 0; b.Loop(); i++ {
					start := time.Now()
					r, _, _ := e.evalOne(ctx, bundle, inputs[i%len(inputs)], explain, time.Second)
					durations = append(durations, time.Since(start))
					if r.EvaluationStatus != "complete" {
						b.Fatalf("result %+v", r)
					}
				}
				cpu := cpuTime() - cpu0
				slices.Sort(durations)
				b.ReportMetric(float64(durations[len(durations)/2].Nanoseconds())/1000, "p50-µs")
				b.ReportMetric(float64(durations[len(durations)*99/100].Nanoseconds())/1000, "p99-µs")
				b.ReportMetric(float64(cpu.Nanoseconds())/1000/float64(len(durations)), "cpu-µs/op")
			})
		}
	}
}

func BenchmarkCompile10(b *testing.B) {
	e := newTestEngine()
	mods := benchSet(10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.prepare(context.Background(), mods); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBatch10000(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) {
			e := newTestEngine()
			if _, _, err := e.Load(context.Background(), "k", benchSet(n)); err != nil {
				b.Fatal(err)
			}
			inputs := benchInputs(b, n, 10000)
			b.ResetTimer()
			cpu0 := cpuTime()
			for b.Loop() {
				resp, err := e.EvaluateBatch(context.Background(), "k", inputs, time.Second)
				if err != nil || len(resp.Results) != len(inputs) {
					b.Fatal(err)
				}
			}
			decisions := float64(b.N * len(inputs))
			b.ReportMetric(decisions/b.Elapsed().Seconds(), "decisions/s")
			// CPU time includes GC on every thread; on a shared machine it shows
			// what the engine costs when wall time is inflated by other work.
			cpuPer := (cpuTime() - cpu0).Seconds() / decisions
			b.ReportMetric(cpuPer*1e6, "cpu-µs/decision")
			b.ReportMetric(float64(runtime.GOMAXPROCS(0))/cpuPer, "decisions/s-if-cores-free")
		})
	}
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestBenchSetDecidesAsIntended keeps the benchmark honest: its inputs must
// produce the mix of decisions they claim to.
func TestBenchSetDecidesAsIntended(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := benchSet(10)
	want := []string{"allow grant-002/allow@5:1", "allow grant-003/allow@11:1", "deny grant-004/deny@21:1", "deny "}
	inputs := benchInputs(t, 10, 16)
	bundle := mustPrepare(t, e, mods)
	for j, w := range want {
		r, _, _ := e.evalOne(context.Background(), bundle, inputs[12+j], ExplainOff, time.Second)
		if got := r.Decision + " " + strings.Join(determining(r), ","); got != w {
			t.Errorf("input %d: %s, want %s", j, got, w)
		}
	}
}

func mustPrepare(t *testing.T, e *Engine, mods []wire.Module) *Bundle {
	t.Helper()
	b, err := e.prepare(context.Background(), mods)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// BenchmarkPlainOPA is the yardstick: the same set and inputs evaluated the
// way OPA usually is (allow and deny as whole documents, no instrumentation),
// so the cost of exact determining policies can be read off against it.
func BenchmarkPlainOPA(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("policies=%d", n), func(b *testing.B) {
			e := newTestEngine()
			ps, errs := parseSet(benchSet(n), e.caps)
			if len(errs) > 0 {
				b.Fatal(errs)
			}
			compiler, _, cerrs := ps.compile(e.caps, false, false)
			if len(cerrs) > 0 {
				b.Fatal(cerrs)
			}
			pq, err := rego.New(rego.Compiler(compiler), rego.Query(`a = [x | x = data.caracal.authz.allow]; d = data.caracal.authz.deny`)).PrepareForEval(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			inputs := benchInputs(b, n, 64)
			durations := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				in, _ := parseInput(inputs[i%len(inputs)])
				if _, err := pq.Eval(context.Background(), rego.EvalParsedInput(in)); err != nil {
					b.Fatal(err)
				}
				durations = append(durations, time.Since(start))
			}
			cpu := cpuTime() - cpu0
			slices.Sort(durations)
			b.ReportMetric(float64(durations[len(durations)/2].Nanoseconds())/1000, "p50-µs")
			b.ReportMetric(float64(cpu.Nanoseconds())/1000/float64(len(durations)), "cpu-µs/op")
		})
	}
}

// BenchmarkFixedOverhead is one trivial rule: what every evaluation costs
// before any policy work (input parsing, the prepared query, the result).
func BenchmarkFixedOverhead(b *testing.B) {
	e := newTestEngine()
	bundle, err := e.prepare(context.Background(), []wire.Module{policy("t", "package caracal.authz\n\nallow if input.x == 1\n")})
	if err != nil {
		b.Fatal(err)
	}
	in := json.RawMessage(`{"x":1}`)
	b.ReportAllocs()
	for b.Loop() {
		if r, _, _ := e.evalOne(context.Background(), bundle, in, ExplainOff, time.Second); r.Decision != "allow" {
			b.Fatal(r)
		}
	}
}

// validate500 is the editor's worst usual case: a 500-line policy of 71 grants
// (the same text bench/server-admin.ts sends over HTTP).
func validate500() []wire.Module {
	var sb strings.Builder
	sb.WriteString("package caracal.authz\n\n# 71 grants of 7 lines each: exactly 500 lines.\n")
	for r := 0; r < 71; r++ {
		fmt.Fprintf(&sb, "allow if {\n\t\"team:t%d\" in input.principal.labels\n\tinput.resource.identifier == \"resource://r%d\"\n\tcount(input.context.requested_scopes) > 0\n\tevery s in input.context.requested_scopes { s in {\"r%d:read\", \"r%d:write\"} }\n}\n\n", r, r, r, r)
	}
	return []wire.Module{{ID: "draft", Policy: "draft", Content: sb.String()}}
}

func BenchmarkValidate500Lines(b *testing.B) {
	e := newTestEngine()
	mods := validate500()
	if r := e.Compile(mods); !r.OK || len(r.Warnings) != 0 {
		b.Fatalf("the benchmark policy should compile cleanly: %+v", r)
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Compile(mods)
	}
}
