package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Determining policies must be exact: "every allow definition whose body
// succeeded, every deny rule that produced an element". OPA evaluates an
// incremental rule as one document and stops at the first true allow, so it
// cannot tell which definitions succeeded. Before compiling a bundle we
// therefore add, next to each definition of allow and deny, a copy under a
// private name in the same module (same package, imports and location). The
// decision query reads those copies one by one, so each definition is
// evaluated exactly once at the top level and we learn precisely which ones
// produced a value, without tracing. The authors' own rules stay untouched,
// so rules that refer to allow or deny still see the usual documents.

const syntheticPrefix = "__caracal_"

// site is one definition of allow or deny.
type site struct {
	module int     // index into the set's modules
	row    int     // location of the definition in its module
	col    int     //
	path   ast.Ref // full path of the private copy
	multi  bool    // a partial set rule (deny contains x)
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
	query        string
	allowVars    []string // query variable holding allows[k]'s values
	denyVars     []string
}

func addDecisionRules(mods []*ast.Module) *plan {
	p := &plan{}
	for i, m := range mods {
		if m == nil {
			continue
		}
		n := len(m.Rules)
		for _, r := range m.Rules[:n] {
			full := m.Package.Path.Extend(r.Head.Ref())
			isAllow, isDeny := full.Equal(allowPath), full.Equal(denyPath)
			if !isAllow && !isDeny {
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
			name := ast.Var(fmt.Sprintf("%s%s_%d", syntheticPrefix, kind, k))
			cp := r.Copy()
			cp.Annotations = nil
			cp.Module = m
			for x := cp; x != nil; x = x.Else {
				x.Head.Name = name
				x.Head.Reference = ast.Ref{ast.VarTerm(string(name))}
			}
			m.Rules = append(m.Rules, cp)
			s := site{
				module: i,
				row:    r.Location.Row,
				col:    r.Location.Col,
				path:   m.Package.Path.Append(ast.StringTerm(string(name))),
				multi:  r.Head.RuleKind() == ast.MultiValue,
			}
			if isAllow {
				p.allows = append(p.allows, s)
			} else {
				p.denies = append(p.denies, s)
			}
		}
	}
	p.query = p.buildQuery()
	return p
}

// buildQuery collects each copy's value in a comprehension so that an
// undefined definition yields [] instead of failing the whole query.
func (p *plan) buildQuery() string {
	var b strings.Builder
	write := func(v string, s site) {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s = [x | x = %s]", v, s.path.String())
	}
	for k, s := range p.allows {
		p.allowVars = append(p.allowVars, fmt.Sprintf("a%d", k))
		write(p.allowVars[k], s)
	}
	for k, s := range p.denies {
		p.denyVars = append(p.denyVars, fmt.Sprintf("d%d", k))
		write(p.denyVars[k], s)
	}
	if b.Len() == 0 {
		return "true"
	}
	return b.String()
}
