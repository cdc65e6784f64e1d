package engine

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/types"

	"caracal.dev/engine/internal/wire"
)

// Builtins lists every built-in a policy may call (the editor's completion
// and hover read it).
func (e *Engine) Builtins() []wire.Builtin { return e.builtins }

func catalogue(caps *ast.Capabilities) []wire.Builtin {
	out := make([]wire.Builtin, 0, len(caps.Builtins))
	for _, b := range caps.Builtins {
		// internal.* are compiler plumbing (print, membership), not callable by name.
		if strings.HasPrefix(b.Name, "internal.") || b.Deprecated || b.Decl == nil {
			continue
		}
		wb := wire.Builtin{Name: b.Name, Description: b.Description, Categories: b.Categories, Infix: b.Infix, Args: []wire.BuiltinArg{}}
		if len(wb.Categories) == 0 {
			wb.Categories = []string{}
			if i := strings.LastIndexByte(b.Name, '.'); i > 0 {
				wb.Categories = []string{b.Name[:i]}
			}
		}
		fargs := b.Decl.NamedFuncArgs()
		for i, a := range fargs.Args {
			wb.Args = append(wb.Args, describe(a, "arg"+string(rune('1'+i))))
		}
		if fargs.Variadic != nil {
			wb.Args = append(wb.Args, describe(fargs.Variadic, "..."))
		}
		if r := b.Decl.NamedResult(); r != nil {
			wb.Result = describe(r, "result")
		} else {
			wb.Result = wire.BuiltinArg{Name: "result", Type: "any"}
		}
		out = append(out, wb)
	}
	return out
}

func describe(t types.Type, fallback string) wire.BuiltinArg {
	if nt, ok := t.(*types.NamedType); ok {
		name := nt.Name
		if name == "" {
			name = fallback
		}
		return wire.BuiltinArg{Name: name, Type: types.Sprint(nt.Type), Description: nt.Descr}
	}
	return wire.BuiltinArg{Name: fallback, Type: types.Sprint(t)}
}
