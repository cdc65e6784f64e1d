package engine

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"caracal.dev/engine/internal/wire"
)

// The documents the decision is read from.
const (
	allowDoc = "data.caracal.authz.allow"
	denyDoc  = "data.caracal.authz.deny"
)

// parsedSet is a policy set whose modules were each parsed on their own.
// files[i] is the file name OPA sees for sources[i]; errors and trace
// locations are mapped back to the module through it.
type parsedSet struct {
	sources []wire.Module
	files   []string
	byFile  map[string]int
	modules []*ast.Module // nil where the module failed to parse
}

// fileNames gives each module a unique, readable file name (the policy
// name, disambiguated), because OPA puts file names into some messages.
func fileNames(mods []wire.Module) []string {
	seen := make(map[string]int, len(mods))
	for _, m := range mods {
		seen[m.Policy]++
	}
	files := make([]string, len(mods))
	used := make(map[string]bool, len(mods))
	for i, m := range mods {
		name := m.Policy
		if seen[name] > 1 || used[name] || name == "" {
			name = fmt.Sprintf("%s#%d", m.Policy, i+1)
		}
		used[name] = true
		files[i] = name
	}
	return files
}

func parseSet(mods []wire.Module, caps *ast.Capabilities) (*parsedSet, []wire.CompileError) {
	ps := &parsedSet{
		sources: mods,
		files:   fileNames(mods),
		byFile:  make(map[string]int, len(mods)),
		modules: make([]*ast.Module, len(mods)),
	}
	for i, f := range ps.files {
		ps.byFile[f] = i
	}
	var errs []wire.CompileError
	opts := ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true, Capabilities: caps}
	for i, m := range mods {
		mod, err := ast.ParseModuleWithOpts(ps.files[i], m.Content, opts)
		if err != nil {
			errs = append(errs, ps.mapErrors(err, i)...)
			continue
		}
		if mod == nil {
			errs = append(errs, ps.errorAt(i, 1, 1, ast.ParseErr, "the module is empty: it needs at least a package declaration"))
			continue
		}
		ps.modules[i] = mod
	}
	return ps, errs
}

func (ps *parsedSet) errorAt(i, row, col int, code, msg string) wire.CompileError {
	m := ps.sources[i]
	return wire.CompileError{ModuleID: m.ID, Policy: m.Policy, PolicyVersionID: m.PolicyVersionID, Row: row, Col: col, Code: code, Message: msg}
}

// mapErrors turns OPA errors into wire errors; errors without a file are
// attributed to module fallback (or the first module) at row 0, col 0.
func (ps *parsedSet) mapErrors(err error, fallback int) []wire.CompileError {
	var astErrs ast.Errors
	switch e := err.(type) {
	case ast.Errors:
		astErrs = e
	case *ast.Error:
		astErrs = ast.Errors{e}
	default:
		if len(ps.sources) == 0 {
			return []wire.CompileError{{Code: ast.CompileErr, Message: err.Error()}}
		}
		return []wire.CompileError{ps.errorAt(max(fallback, 0), 0, 0, ast.CompileErr, err.Error())}
	}
	out := make([]wire.CompileError, 0, len(astErrs))
	for _, e := range astErrs {
		idx, row, col := fallback, 0, 0
		if e.Location != nil {
			if i, ok := ps.byFile[e.Location.File]; ok {
				idx, row, col = i, e.Location.Row, e.Location.Col
			}
		}
		if idx < 0 || idx >= len(ps.sources) {
			idx, row, col = 0, 0, 0
		}
		if len(ps.sources) == 0 {
			out = append(out, wire.CompileError{Code: e.Code, Message: e.Message})
			continue
		}
		out = append(out, ps.errorAt(idx, row, col, e.Code, e.Message))
	}
	return out
}

// defaultAllowError explains, in words an author understands, that two
// policies of the set both declare `default allow`. OPA's own message names
// files and rule paths; ours names the policies and says what to do.
func (ps *parsedSet) defaultAllowError() (*wire.CompileError, bool) {
	type site struct{ idx, row, col int }
	var sites []site
	allowPath := ast.MustParseRef(allowDoc)
	for i, m := range ps.modules {
		if m == nil {
			continue
		}
		for _, r := range m.Rules {
			if r.Default && m.Package.Path.Extend(r.Head.Ref()).Equal(allowPath) {
				sites = append(sites, site{i, r.Location.Row, r.Location.Col})
			}
		}
	}
	if len(sites) < 2 {
		return nil, false
	}
	first, second := ps.sources[sites[0].idx].Policy, ps.sources[sites[1].idx].Policy
	var msg string
	if sites[0].idx == sites[1].idx {
		msg = fmt.Sprintf("policy %q declares `default allow` more than once; only one `default allow` may exist in a policy set, and none is needed because an undefined allow already counts as false", first)
	} else {
		msg = fmt.Sprintf("only one policy in a set may declare `default allow`, but both %q and %q do; remove it from one of them (an undefined allow already counts as false)", first, second)
	}
	e := ps.errorAt(sites[1].idx, sites[1].row, sites[1].col, ast.CompileErr, msg)
	return &e, true
}

// compile compiles copies of the parsed modules together. instrument adds the
// per-definition rules used to find determining policies (see instrument.go).
func (ps *parsedSet) compile(caps *ast.Capabilities, strict, instrument bool) (*ast.Compiler, *plan, ast.Errors) {
	mods := make(map[string]*ast.Module, len(ps.modules))
	copies := make([]*ast.Module, len(ps.modules))
	for i, m := range ps.modules {
		if m == nil {
			continue
		}
		copies[i] = m.Copy()
		mods[ps.files[i]] = copies[i]
	}
	var p *plan
	if instrument {
		p = addDecisionRules(copies)
	}
	c := ast.NewCompiler().
		WithCapabilities(caps).
		WithDefaultRegoVersion(ast.RegoV1).
		WithEnablePrintStatements(true).
		WithStrict(strict).
		SetErrorLimit(0)
	c.Compile(mods)
	return c, p, c.Errors
}

// compileReport is what /v1/compile answers.
func (e *Engine) compileReport(mods []wire.Module) wire.CompileResponse {
	resp := wire.CompileResponse{Errors: []wire.CompileError{}, Warnings: []wire.CompileError{}, Modules: []wire.ModuleInfo{}}
	ps, parseErrs := parseSet(mods, e.caps)
	resp.Errors = append(resp.Errors, parseErrs...)
	for i, m := range ps.modules {
		if m != nil {
			resp.Modules = append(resp.Modules, moduleInfo(mods[i].ID, m))
		}
	}
	if len(parseErrs) > 0 {
		resp.Errors = append(resp.Errors, ps.compileErrors(e.caps)...)
	} else if _, _, strictErrs := ps.compile(e.caps, true, false); len(strictErrs) == 0 {
		// Strict mode only adds checks, so a clean strict compile answers both
		// questions at once: most sets the editor validates take this path.
		resp.Errors = append(resp.Errors, ps.contractErrors()...)
	} else {
		// Tell real errors (a plain compile) from strict-mode findings (warnings).
		compileErrs := ps.compileErrors(e.caps)
		resp.Errors = append(resp.Errors, compileErrs...)
		if len(compileErrs) == 0 {
			resp.Warnings = append(resp.Warnings, ps.mapErrors(strictErrs, 0)...)
		}
	}
	resp.Errors = ps.sortErrors(resp.Errors)
	resp.Warnings = ps.sortErrors(resp.Warnings)
	resp.OK = len(resp.Errors) == 0
	return resp
}

// compileErrors compiles the parsable modules without instrumentation and
// returns their errors, with the plain two-defaults message in place of OPA's.
func (ps *parsedSet) compileErrors(caps *ast.Capabilities) []wire.CompileError {
	var out []wire.CompileError
	defErr, twoDefaults := ps.defaultAllowError()
	if twoDefaults {
		out = append(out, *defErr)
	}
	out = append(out, ps.contractErrors()...)
	_, _, errs := ps.compile(caps, false, false)
	for _, ce := range ps.mapErrors(errs, 0) {
		if twoDefaults && strings.Contains(ce.Message, "multiple default rules "+allowDoc+" ") {
			continue
		}
		out = append(out, ce)
	}
	return out
}

func moduleInfo(id string, m *ast.Module) wire.ModuleInfo {
	pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
	var rules []string
	for _, r := range m.Rules {
		name := r.Head.Ref().String()
		if !slices.Contains(rules, name) {
			rules = append(rules, name)
		}
	}
	if rules == nil {
		rules = []string{}
	}
	return wire.ModuleInfo{ID: id, Package: pkg, Rules: rules}
}

// sortErrors orders errors by module (as submitted), row and col, and drops
// exact duplicates (OPA can report one problem from two stages).
func (ps *parsedSet) sortErrors(errs []wire.CompileError) []wire.CompileError {
	order := make(map[string]int, len(ps.sources))
	for i, m := range ps.sources {
		if _, ok := order[m.ID]; !ok {
			order[m.ID] = i
		}
	}
	sort.SliceStable(errs, func(i, j int) bool {
		a, b := errs[i], errs[j]
		if order[a.ModuleID] != order[b.ModuleID] {
			return order[a.ModuleID] < order[b.ModuleID]
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return a.Col < b.Col
	})
	out := errs[:0]
	for i, e := range errs {
		if i > 0 && e == errs[i-1] {
			continue
		}
		out = append(out, e)
	}
	return out
}
