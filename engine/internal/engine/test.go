package engine

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/tester"

	"caracal.dev/engine/internal/wire"
)

// testTimeout bounds each test rule; tests may legitimately be slower than
// a decision, but a runaway test must not hold the engine.
const testTimeout = 5 * time.Second

// RunTests runs the test_ rules of a set and reports line coverage per
// module. A set that does not compile returns *CompileFailedError.
func (e *Engine) RunTests(ctx context.Context, mods []wire.Module) (wire.TestResponse, error) {
	ps, parseErrs := parseSet(mods, e.caps)
	if errs := ps.sortErrors(append(parseErrs, ps.compileErrors(e.caps)...)); len(errs) > 0 {
		return wire.TestResponse{}, &CompileFailedError{Errors: errs}
	}
	modules := make(map[string]*ast.Module, len(ps.modules))
	for i, m := range ps.modules {
		modules[ps.files[i]] = m.Copy()
	}
	compiler := ast.NewCompiler().
		WithCapabilities(e.caps).
		WithDefaultRegoVersion(ast.RegoV1).
		WithEnablePrintStatements(true).
		SetErrorLimit(0)
	cov := cover.New()
	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetDefaultRegoVersion(ast.RegoV1).
		SetCoverageQueryTracer(cov).
		SetTimeout(testTimeout).
		SetParallel(runtime.GOMAXPROCS(0)).
		CapturePrintOutput(true)
	ch, err := runner.Run(ctx, modules)
	if err != nil {
		return wire.TestResponse{}, &CompileFailedError{Errors: ps.mapErrors(err, 0)}
	}
	resp := wire.TestResponse{Tests: []wire.TestCase{}, Coverage: []wire.Coverage{}}
	for r := range ch {
		if r.Skip {
			continue
		}
		resp.Tests = append(resp.Tests, ps.testCase(r, &resp))
	}
	order := func(tc wire.TestCase) (int, int) {
		for i, m := range ps.sources {
			if m.ID == tc.ModuleID && m.Policy == tc.Policy {
				return i, tc.Location.Row
			}
		}
		return len(ps.sources), tc.Location.Row
	}
	sort.SliceStable(resp.Tests, func(i, j int) bool {
		mi, ri := order(resp.Tests[i])
		mj, rj := order(resp.Tests[j])
		if mi != mj {
			return mi < mj
		}
		return ri < rj
	})
	report := cov.Report(compiler.Modules)
	for i, m := range ps.sources {
		resp.Coverage = append(resp.Coverage, coverageOf(m, report.Files[ps.files[i]]))
	}
	return resp, nil
}

func (ps *parsedSet) testCase(r *tester.Result, resp *wire.TestResponse) wire.TestCase {
	tc := wire.TestCase{Name: r.Name, Package: strings.TrimPrefix(r.Package, "data."), DurationMS: ms(r.Duration)}
	if r.Location != nil {
		if i, ok := ps.byFile[r.Location.File]; ok {
			tc.ModuleID, tc.Policy = ps.sources[i].ID, ps.sources[i].Policy
		}
		tc.Location = wire.Location{Row: r.Location.Row, Col: r.Location.Col}
	}
	var msg []string
	switch {
	case r.Error != nil:
		tc.Status = "error"
		resp.Errored++
		msg = append(msg, r.Error.Error())
	case r.Fail:
		tc.Status = "fail"
		resp.Failed++
		if r.FailedAt != nil && r.FailedAt.Location != nil {
			msg = append(msg, fmt.Sprintf("failed at row %d: %s", r.FailedAt.Location.Row, string(r.FailedAt.Location.Text)))
		} else {
			msg = append(msg, "the test rule was false or undefined")
		}
	default:
		tc.Status = "pass"
		resp.Passed++
	}
	if out := strings.TrimSpace(string(r.Output)); out != "" {
		msg = append(msg, "print output: "+out)
	}
	tc.Message = strings.Join(msg, "\n")
	return tc
}

func coverageOf(m wire.Module, fr *cover.FileReport) wire.Coverage {
	c := wire.Coverage{ModuleID: m.ID, Policy: m.Policy, Covered: []int{}, NotCovered: []int{}}
	if fr == nil {
		return c
	}
	rows := func(ranges []cover.Range) []int {
		out := []int{}
		for _, rg := range ranges {
			for row := rg.Start.Row; row <= rg.End.Row; row++ {
				out = append(out, row)
			}
		}
		sort.Ints(out)
		return out
	}
	c.Covered, c.NotCovered = rows(fr.Covered), rows(fr.NotCovered)
	if total := len(c.Covered) + len(c.NotCovered); total > 0 {
		c.Percent = float64(len(c.Covered)) * 100 / float64(total)
	}
	return c
}
