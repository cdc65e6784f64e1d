package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"caracal.dev/engine/internal/wire"
)

// Determining policies must be exact: "every allow definition whose body
// succeeded, every deny rule that produced an element". OPA evaluates an
// incremental rule as one document and may stop at the first true allow, so
// its answer cannot say which definitions succeeded. Before compiling a
// bundle we therefore add, for each definition k of allow and deny, a copy of
// it (same module, so same package, imports and source location) that
// contributes [k, value] to a private partial set:
//
//	allow if { B }                 →  __caracal_allow_hits contains [k, true] if { B }
//	deny contains x if { B }       →  __caracal_deny_hits contains [k, x] if { B }
//
// The decision query reads those two sets: every definition is evaluated once,
// through one rule index, and each element names the definition that
// produced it, without tracing. Definitions with an `else` chain cannot be
// partial-set rules; each of them gets a private complete rule instead. The
// authors' own rules stay untouched, so rules that refer to allow or deny
// still see the usual documents.

const syntheticPrefix = "__caracal_"

const (
	allowHitsDoc = "data.caracal.authz." + syntheticPrefix + "allow_hits"
	denyHitsDoc  = "data.caracal.authz." + syntheticPrefix + "deny_hits"
)

// site is one definition of allow or deny.
type site struct {
	module   int // index into the set's modules
	row, col int // location of the definition in its module
	multi    bool
	// queryVar is set for definitions read through their own complete rule
	// (else chains); the others are read from the hits sets.
	queryVar string
}

// defaultSite is a `default allow` / `default deny` declaration.
type defaultSite struct {
	module   int
	row, col int
	value    any // JSON value of the default
}

// plan is how to read the decision from a compiled, instrumented set.
type plan struct {
	allows       []site
	denies       []site
	defaultAllow *defaultSite
	defaultDeny  *defaultSite
	hasAllowHits bool
	hasDenyHits  bool
	query        string
}

func addDecisionRules(mods []*ast.Module) *plan {
	p := &plan{}
	allowPath, denyPath := ast.MustParseRef(allowDoc), ast.MustParseRef(denyDoc)
	allowHitsPath, denyHitsPath := ast.MustParseRef(allowHitsDoc), ast.MustParseRef(denyHitsDoc)
	var extra []string // query terms for else-chain definitions
	for i, m := range mods {
		if m == nil {
			continue
		}
		n := len(m.Rules)
		for _, r := range m.Rules[:n] {
			full := m.Package.Path.Extend(r.Head.Ref())
			isAllow, isDeny := full.Equal(allowPath), full.Equal(denyPath)
			if !isAllow && !isDeny || len(r.Head.Args) > 0 {
				continue
			}
			if r.Default {
				d := &defaultSite{module: i, row: r.Location.Row, col: r.Location.Col}
				if r.Head.Value != nil {
					d.value, _ = ast.JSON(r.Head.Value.Value)
				}
				if isAllow && p.defaultAllow == nil {
					p.defaultAllow = d
				} else if isDeny && p.defaultDeny == nil {
					p.defaultDeny = d
				}
				continue
			}
			kind, k := "allow", len(p.allows)
			if isDeny {
				kind, k = "deny", len(p.denies)
			}
			s := site{module: i, row: r.Location.Row, col: r.Location.Col, multi: r.Head.RuleKind() == ast.MultiValue}
			cp := r.Copy()
			cp.Annotations = nil
			cp.Module = m
			if r.Else == nil {
				target := allowHitsPath
				if isDeny {
					target = denyHitsPath
				}
				elem := cp.Head.Value
				if s.multi {
					elem = cp.Head.Key
				}
				key := ast.ArrayTerm(ast.IntNumberTerm(k), elem)
				key.Location = cp.Head.Location
				setHeadRef(cp.Head, m.Package.Path, target)
				cp.Head.Key, cp.Head.Value, cp.Head.Assign = key, nil, false
				if isAllow {
					p.hasAllowHits = true
				} else {
					p.hasDenyHits = true
				}
			} else {
				name := fmt.Sprintf("%s%s_%d", syntheticPrefix, kind, k)
				target := m.Package.Path.Append(ast.StringTerm(name))
				for x := cp; x != nil; x = x.Else {
					setHeadRef(x.Head, m.Package.Path, target)
				}
				s.queryVar = fmt.Sprintf("%s%d", kind[:1], k)
				extra = append(extra, fmt.Sprintf("%s = [x | x = %s]", s.queryVar, target))
			}
			m.Rules = append(m.Rules, cp)
			if isAllow {
				p.allows = append(p.allows, s)
			} else {
				p.denies = append(p.denies, s)
			}
		}
	}
	var q []string
	if p.hasAllowHits {
		q = append(q, "allow_hits = "+allowHitsDoc)
	}
	if p.hasDenyHits {
		q = append(q, "deny_hits = "+denyHitsDoc)
	}
	q = append(q, extra...)
	if len(q) == 0 {
		q = append(q, "true")
	}
	p.query = strings.Join(q, "; ")
	return p
}

// setHeadRef points a rule head at target, written relative to the
// module's package (target always lies under it: it is a sibling of allow).
func setHeadRef(h *ast.Head, pkg, target ast.Ref) {
	rel := target[len(pkg):].Copy()
	rel[0] = ast.VarTerm(string(rel[0].Value.(ast.String)))
	h.Reference = rel
	h.Name = ""
	if len(rel) == 1 {
		h.Name = rel[0].Value.(ast.Var)
	}
}

// contractErrors are rules the decision contract does not allow: allow must
// be a boolean document and deny a set, so neither may be a function or have
// sub-keys, and the engine's private names are reserved.
func (ps *parsedSet) contractErrors() []wire.CompileError {
	var out []wire.CompileError
	allowPath, denyPath := ast.MustParseRef(allowDoc), ast.MustParseRef(denyDoc)
	for i, m := range ps.modules {
		if m == nil {
			continue
		}
		for _, r := range m.Rules {
			full := m.Package.Path.Extend(r.Head.Ref())
			row, col := r.Location.Row, r.Location.Col
			switch {
			case strings.Contains(full.String(), syntheticPrefix):
				out = append(out, ps.errorAt(i, row, col, ast.CompileErr, fmt.Sprintf("names starting with %q are reserved for the engine", syntheticPrefix)))
			case len(r.Head.Args) > 0 && (full.Equal(allowPath) || full.Equal(denyPath)):
				out = append(out, ps.errorAt(i, row, col, ast.CompileErr, fmt.Sprintf("%s must be a rule, not a function", ruleWord(full))))
			case len(full) > len(allowPath) && full.HasPrefix(allowPath):
				out = append(out, ps.errorAt(i, row, col, ast.CompileErr, "allow must be a boolean rule (`allow if { ... }`), not an object with keys"))
			case len(full) > len(denyPath) && full.HasPrefix(denyPath):
				out = append(out, ps.errorAt(i, row, col, ast.CompileErr, "deny must be a set rule (`deny contains reason if { ... }`), not an object with keys"))
			}
		}
	}
	return out
}

func ruleWord(full ast.Ref) string {
	if full.String() == denyDoc {
		return "deny"
	}
	return "allow"
}
