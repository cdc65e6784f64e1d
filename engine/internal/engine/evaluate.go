package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"caracal.dev/engine/internal/wire"
)

// Explain levels.
const (
	ExplainOff   = "off"
	ExplainNotes = "notes"
	ExplainFails = "fails"
	ExplainFull  = "full"
)

// EvalRequest is one evaluation: against a loaded key, or inline modules when
// Modules is non-nil.
type EvalRequest struct {
	Key      string
	Modules  []wire.Module
	Input    json.RawMessage
	Explain  string
	Deadline time.Duration // 0 = the engine's default
}

// Evaluate returns ErrBundleNotLoaded or *CompileFailedError; every other
// failure is an error result with decision deny.
func (e *Engine) Evaluate(ctx context.Context, req EvalRequest) (wire.EvaluateResponse, error) {
	b, err := e.bundleFor(ctx, req.Key, req.Modules)
	if err != nil {
		return wire.EvaluateResponse{}, err
	}
	start := time.Now()
	res, trace, truncated := e.evalOne(ctx, b, req.Input, req.Explain, e.deadline(req.Deadline))
	resp := wire.EvaluateResponse{Result: res, Metrics: wire.Metrics{EvalMS: ms(time.Since(start))}}
	if req.Explain != "" && req.Explain != ExplainOff {
		resp.Trace, resp.Truncated = trace, truncated
		if resp.Trace == nil {
			resp.Trace = []wire.TraceEvent{}
		}
	}
	return resp, nil
}

func (e *Engine) deadline(d time.Duration) time.Duration {
	if d <= 0 {
		return e.cfg.Deadline
	}
	return d
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func errorResult(msg string) wire.Result {
	return wire.Result{
		Decision: "deny", EvaluationStatus: "error",
		DeterminingPolicies: []wire.DeterminingPolicy{},
		Diagnostics:         []wire.Diagnostic{{Reason: "evaluation_error", Message: msg}},
	}
}

// evalOne never panics and never returns an allow it cannot justify.
func (e *Engine) evalOne(ctx context.Context, b *Bundle, raw json.RawMessage, explain string, deadline time.Duration) (res wire.Result, trace []wire.TraceEvent, truncated bool) {
	defer func() {
		if r := recover(); r != nil {
			res, trace, truncated = errorResult(fmt.Sprintf("the engine failed while evaluating: %v", r)), nil, false
		}
	}()
	input, err := parseInput(raw)
	if err != nil {
		return errorResult("the input is not valid JSON: " + err.Error()), nil, false
	}
	// One cancel per evaluation, fired by a timer or by the caller's context.
	// rego would otherwise start a goroutine per evaluation to watch ctx.
	cancel := topdown.NewCancel()
	var expired atomic.Bool
	timer := time.AfterFunc(deadline, func() { expired.Store(true); cancel.Cancel() })
	defer timer.Stop()
	if ctx.Done() != nil {
		stop := context.AfterFunc(ctx, cancel.Cancel)
		defer stop()
	}

	opts := []rego.EvalOption{rego.EvalParsedInput(input), rego.EvalExternalCancel(cancel)}
	var col *collector
	if explain != "" && explain != ExplainOff {
		col = newCollector(b.set, b.plan, explain, e.cfg.MaxTrace)
		// Without rule indexing every allow/deny body is entered, so the trace shows the
		// condition that failed even when the index could have skipped the rule unseen
		// (e.g. `"team:x" in input.principal.labels`). The decision is the same either way.
		opts = append(opts, rego.EvalQueryTracer(col), rego.EvalPrintHook(col), rego.EvalRuleIndexing(false))
	}
	rs, err := b.query.Eval(ctx, opts...)
	if col != nil {
		trace, truncated = col.result()
	}
	if err != nil {
		return b.errorFrom(err, expired.Load(), ctx.Err() != nil, deadline), trace, truncated
	}
	if len(rs) != 1 {
		return errorResult("the decision query produced no result"), trace, truncated
	}
	return b.decide(rs[0].Bindings), trace, truncated
}

func (b *Bundle) errorFrom(err error, expired, cancelled bool, deadline time.Duration) wire.Result {
	if expired {
		return errorResult(fmt.Sprintf("the evaluation did not finish within its deadline of %s", deadline))
	}
	if cancelled {
		return errorResult("the evaluation was cancelled before it finished")
	}
	res := errorResult(err.Error())
	var te *topdown.Error
	if errors.As(err, &te) {
		d := &res.Diagnostics[0]
		d.Message = te.Code + ": " + te.Message
		if te.Location != nil {
			if i, ok := b.set.byFile[te.Location.File]; ok {
				d.Policy = b.set.sources[i].Policy
				d.Location = &wire.Location{Row: te.Location.Row, Col: te.Location.Col}
			}
		}
	}
	return res
}

// decide applies the contract: allow iff allow is true and deny is empty.
func (b *Bundle) decide(bindings rego.Vars) wire.Result {
	res := wire.Result{EvaluationStatus: "complete", DeterminingPolicies: []wire.DeterminingPolicy{}, Diagnostics: []wire.Diagnostic{}}
	p := b.plan

	// allow: which definitions produced true.
	trueAt := make([]bool, len(p.allows))
	otherSeen := false
	noteAllow := func(k int, v any) {
		if v == true && !p.allows[k].multi {
			trueAt[k] = true
		} else {
			otherSeen = true
		}
	}
	for _, el := range hits(bindings, "allow_hits") {
		if k, v, ok := splitHit(el, len(p.allows)); ok {
			noteAllow(k, v)
		}
	}
	for k, s := range p.allows {
		if vals, _ := bindings[s.queryVar].([]any); s.queryVar != "" && len(vals) > 0 {
			noteAllow(k, vals[0])
		}
	}
	trueSeen := slices.Contains(trueAt, true)
	if trueSeen && otherSeen {
		return errorResult("eval_conflict_error: the allow rules produced different values; every definition of allow must produce true")
	}
	allowSites := make([]site, 0, 2)
	for k, ok := range trueAt {
		if ok {
			allowSites = append(allowSites, p.allows[k])
		}
	}
	allowed := trueSeen
	if !trueSeen && !otherSeen && p.defaultAllow != nil && p.defaultAllow.value == true {
		allowed = true
		allowSites = []site{{module: p.defaultAllow.module, row: p.defaultAllow.row, col: p.defaultAllow.col}}
	}

	// deny: every element, per definition.
	var elems [][]any
	if len(p.denies) > 0 {
		elems = make([][]any, len(p.denies))
	}
	for _, el := range hits(bindings, "deny_hits") {
		if k, v, ok := splitHit(el, len(p.denies)); ok {
			if p.denies[k].multi {
				elems[k] = append(elems[k], v)
			} else {
				elems[k] = append(elems[k], denyElements(v)...)
			}
		}
	}
	for k, s := range p.denies {
		if vals, _ := bindings[s.queryVar].([]any); s.queryVar != "" && len(vals) > 0 {
			elems[k] = denyElements(vals[0])
		}
	}
	anyDeny := false
	for k, s := range p.denies {
		if len(elems[k]) == 0 {
			continue
		}
		anyDeny = true
		res.DeterminingPolicies = append(res.DeterminingPolicies, b.determining(s, "deny"))
		for _, el := range elems[k] {
			res.Diagnostics = append(res.Diagnostics, b.denyDiagnostic(s, el))
		}
	}
	if !anyDeny && len(p.denies) == 0 && p.defaultDeny != nil {
		if des := denyElements(p.defaultDeny.value); len(des) > 0 {
			s := site{module: p.defaultDeny.module, row: p.defaultDeny.row, col: p.defaultDeny.col}
			anyDeny = true
			res.DeterminingPolicies = append(res.DeterminingPolicies, b.determining(s, "deny"))
			for _, el := range des {
				res.Diagnostics = append(res.Diagnostics, b.denyDiagnostic(s, el))
			}
		}
	}

	switch {
	case anyDeny:
		res.Decision = "deny"
	case allowed:
		res.Decision = "allow"
		for _, s := range allowSites {
			res.DeterminingPolicies = append(res.DeterminingPolicies, b.determining(s, "allow"))
		}
	default:
		res.Decision = "deny"
		res.Diagnostics = append(res.Diagnostics, wire.Diagnostic{Reason: "no_rule_matched"})
	}
	return res
}

func hits(bindings rego.Vars, name string) []any {
	h, _ := bindings[name].([]any)
	return h
}

// splitHit reads one [k, value] element of a hits set.
func splitHit(el any, n int) (int, any, bool) {
	pair, ok := el.([]any)
	if !ok || len(pair) != 2 {
		return 0, nil, false
	}
	num, ok := pair[0].(json.Number)
	if !ok {
		return 0, nil, false
	}
	k, err := strconv.Atoi(string(num))
	if err != nil || k < 0 || k >= n {
		return 0, nil, false
	}
	return k, pair[1], true
}

func (b *Bundle) determining(s site, rule string) wire.DeterminingPolicy {
	m := b.set.sources[s.module]
	return wire.DeterminingPolicy{
		Policy: m.Policy, PolicyID: m.PolicyID, PolicyVersionID: m.PolicyVersionID, Version: m.Version,
		Rule: rule, Location: wire.Location{Row: s.row, Col: s.col},
	}
}

// denyElements reads a deny value: a set (arrives as an array); any other
// non-empty value counts as one element so a malformed deny still denies.
func denyElements(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case nil:
		return nil
	case bool:
		if !x {
			return nil
		}
		return []any{x}
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
		return []any{x}
	default:
		return []any{x}
	}
}

func (b *Bundle) denyDiagnostic(s site, el any) wire.Diagnostic {
	d := wire.Diagnostic{Policy: b.set.sources[s.module].Policy, Location: &wire.Location{Row: s.row, Col: s.col}}
	switch x := el.(type) {
	case string:
		d.Reason = x
	case map[string]any:
		if r, ok := x["reason"].(string); ok {
			d.Reason = r
			if m, ok := x["message"].(string); ok {
				d.Message = m
			}
			return d
		}
		d.Reason, d.Message = "deny", jsonText(x)
	default:
		d.Reason, d.Message = "deny", jsonText(x)
	}
	return d
}

func jsonText(v any) string {
	bs, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(bs)
}
