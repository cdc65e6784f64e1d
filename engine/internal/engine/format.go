package engine

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"

	"caracal.dev/engine/internal/wire"
)

// Format lays out a module the way `opa fmt` does, keeping comments. A
// module that does not parse returns *CompileFailedError.
func (e *Engine) Format(content string) (string, error) {
	src := wire.Module{ID: "format", Policy: "format", Content: content}
	ps, errs := parseSet([]wire.Module{src}, e.caps)
	if len(errs) > 0 {
		return "", &CompileFailedError{Errors: errs}
	}
	out, err := format.SourceWithOpts(ps.files[0], []byte(content), format.Opts{RegoVersion: ast.RegoV1, Capabilities: e.caps})
	if err != nil {
		return "", &CompileFailedError{Errors: ps.mapErrors(err, 0)}
	}
	return string(out), nil
}
