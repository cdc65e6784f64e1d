package engine

import (
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The forbidden built-ins would make a decision depend on something other than
// (policy-set version, input): the network, the clock, randomness, the host.
// ForbiddenBuiltins lists the built-ins removed from the engine's capabilities.
func ForbiddenBuiltins() []string {
	return []string{"http.send", "net.lookup_ip_addr", "opa.runtime", "rand.intn", "time.now_ns", "uuid.rfc4122"}
}

// newCapabilities returns OPA's capabilities for this version without the
// forbidden built-ins, so a call to one of them fails to compile naming it.
func newCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	forbidden := ForbiddenBuiltins()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !slices.Contains(forbidden, b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	return caps
}
