package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"caracal.dev/engine/internal/wire"
)

func TestCompileReportsEveryModulesErrors(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := []wire.Module{
		policy("broken-a", "package caracal.authz\n\nallow if {\n"),
		policy("fine", labelsPolicy),
		policy("broken-b", "package caracal.authz\n\nallow if input.x ==\n"),
	}
	r := e.Compile(mods)
	if r.OK {
		t.Fatal("ok = true for broken modules")
	}
	var got []string
	for _, ce := range r.Errors {
		got = append(got, fmt.Sprintf("%s %s %s", ce.ModuleID, ce.Policy, ce.Code))
		if ce.Row == 0 {
			t.Errorf("error without a row: %+v", ce)
		}
	}
	for _, want := range []string{"pv-broken-a broken-a rego_parse_error", "pv-broken-b broken-b rego_parse_error"} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("errors %v lack %q", got, want)
		}
	}
	if len(r.Modules) != 1 || r.Modules[0].ID != "pv-fine" || r.Modules[0].Package != "caracal.authz" {
		t.Errorf("modules = %+v", r.Modules)
	}
}

func TestCompileHasNoErrorLimit(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("package caracal.authz\n\n")
	for i := range 25 {
		fmt.Fprintf(&b, "r%d if { x%d == 1 }\n", i, i)
	}
	r := newTestEngine().Compile([]wire.Module{policy("unsafe", b.String())})
	if len(r.Errors) != 25 {
		t.Fatalf("got %d errors, want 25: %+v", len(r.Errors), r.Errors)
	}
	for i, ce := range r.Errors {
		if ce.Code != "rego_unsafe_var_error" || ce.Row != i+3 {
			t.Errorf("error %d = %+v", i, ce)
		}
	}
}

func TestCompileInfoAndWarnings(t *testing.T) {
	t.Parallel()
	r := newTestEngine().Compile([]wire.Module{policy("p", `package caracal.authz

import data.caracal.lib.unused

allow if {
	x := 1
	input.principal.id == "a"
}

deny contains "r" if input.bad
`)})
	if !r.OK || len(r.Errors) != 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if len(r.Modules) != 1 || strings.Join(r.Modules[0].Rules, ",") != "allow,deny" {
		t.Errorf("modules = %+v", r.Modules)
	}
	var msgs []string
	for _, w := range r.Warnings {
		msgs = append(msgs, fmt.Sprintf("%d:%s", w.Row, w.Message))
	}
	joined := strings.Join(msgs, "\n")
	if !strings.Contains(joined, "3:import data.caracal.lib.unused unused") || !strings.Contains(joined, "assigned var x unused") {
		t.Errorf("warnings = %v", msgs)
	}
}

func TestTwoDefaultAllowsFailPlainly(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	mods := []wire.Module{
		policy("first", "package caracal.authz\n\ndefault allow := false\n"),
		policy("second", "package caracal.authz\n\ndefault allow := false\n\nallow if input.x\n"),
	}
	r := e.Compile(mods)
	if r.OK || len(r.Errors) != 1 {
		t.Fatalf("errors = %+v", r.Errors)
	}
	ce := r.Errors[0]
	want := `only one policy in a set may declare ` + "`default allow`" + `, but both "first" and "second" do`
	if ce.Code != "rego_compile_error" || ce.Policy != "second" || ce.Row != 3 || !strings.Contains(ce.Message, want) {
		t.Errorf("error = %+v", ce)
	}
	_, _, err := e.Load(context.Background(), "k", mods)
	var cf *CompileFailedError
	if !errors.As(err, &cf) || len(cf.Errors) != 1 || cf.Errors[0] != ce {
		t.Errorf("load error = %v", err)
	}
}

func TestForbiddenBuiltinsDoNotCompile(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	calls := map[string]string{
		"http.send":          `http.send({"method": "GET", "url": "http://x"})`,
		"net.lookup_ip_addr": `net.lookup_ip_addr("example.com")`,
		"opa.runtime":        `opa.runtime()`,
		"rand.intn":          `rand.intn("seed", 10)`,
		"time.now_ns":        `time.now_ns()`,
		"uuid.rfc4122":       `uuid.rfc4122("seed")`,
	}
	for _, name := range ForbiddenBuiltins() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := fmt.Sprintf("package caracal.authz\n\nallow if {\n\tx := %s\n\tx\n}\n", calls[name])
			r := e.Compile([]wire.Module{policy("p", src)})
			if r.OK || len(r.Errors) == 0 {
				t.Fatalf("compiled a call to %s", name)
			}
			if ce := r.Errors[0]; ce.Row != 4 || !strings.Contains(ce.Message, name) {
				t.Errorf("error does not name %s at row 4: %+v", name, ce)
			}
			for _, b := range e.Builtins() {
				if b.Name == name {
					t.Errorf("%s is in the catalogue", name)
				}
			}
		})
	}
}

func TestLargeModuleAndLargeSet(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	t.Run("a 262,144-character module", func(t *testing.T) {
		t.Parallel()
		head := "package caracal.authz\n\nallow if input.principal.id == \"app-1\"\n\n"
		var b strings.Builder
		b.WriteString(head)
		for i := 0; b.Len() < 262144-64; i++ {
			fmt.Fprintf(&b, "# padding comment line %06d that makes the module large\n", i)
		}
		b.WriteString(strings.Repeat("#", 262144-b.Len()-1) + "\n")
		if b.Len() != 262144 {
			t.Fatalf("module has %d characters", b.Len())
		}
		r := evalInline(t, e, []wire.Module{policy("big", b.String())}, stsInput("app-1", nil, "resource://x"), ExplainOff).Result
		if r.Decision != "allow" {
			t.Fatalf("result %+v", r)
		}
	})
	t.Run("a 256-module set", func(t *testing.T) {
		t.Parallel()
		mods := make([]wire.Module, 256)
		for i := range mods {
			mods[i] = policy(fmt.Sprintf("p%03d", i), fmt.Sprintf("package caracal.authz\n\nallow if input.principal.id == \"app-%d\"\n\ndeny contains \"r%d\" if input.principal.id == \"evil-%d\"\n", i, i, i))
		}
		r := evalInline(t, e, mods, stsInput("app-200", nil, "resource://x"), ExplainOff).Result
		if r.Decision != "allow" || strings.Join(determining(r), ",") != "p200/allow@3:1" {
			t.Fatalf("result %+v", r)
		}
		r = evalInline(t, e, mods, stsInput("evil-17", nil, "resource://x"), ExplainOff).Result
		if r.Decision != "deny" || strings.Join(determining(r), ",") != "p017/deny@5:1" {
			t.Fatalf("result %+v", r)
		}
	})
}

func TestFormatKeepsComments(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	out, err := e.Format("package caracal.authz\n# why: trusted apps\nallow if   {\n\"trusted\" in input.principal.labels}\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "package caracal.authz\n\n# why: trusted apps\nallow if {\n\t\"trusted\" in input.principal.labels\n}\n"
	if out != want {
		t.Errorf("formatted:\n%q\nwant\n%q", out, want)
	}
	_, err = e.Format("package caracal.authz\nallow if {\n")
	var cf *CompileFailedError
	if !errors.As(err, &cf) || cf.Errors[0].Code != "rego_parse_error" || cf.Errors[0].Row == 0 {
		t.Errorf("syntax error = %v", err)
	}
}

func TestBuiltinsCatalogue(t *testing.T) {
	t.Parallel()
	bs := newTestEngine().Builtins()
	byName := map[string]wire.Builtin{}
	for _, b := range bs {
		byName[b.Name] = b
	}
	c, ok := byName["count"]
	if !ok || c.Description == "" || len(c.Args) != 1 || c.Result.Type != "number" {
		t.Errorf("count = %+v", c)
	}
	if s := byName["startswith"]; len(s.Args) != 2 || s.Args[0].Name == "" || s.Args[0].Type != "string" {
		t.Errorf("startswith = %+v", s)
	}
	if p := byName["plus"]; p.Infix != "+" {
		t.Errorf("plus = %+v", p)
	}
	if len(bs) < 150 {
		t.Errorf("only %d built-ins", len(bs))
	}
	for _, b := range bs {
		if strings.HasPrefix(b.Name, "internal.") {
			t.Errorf("internal built-in %s listed", b.Name)
		}
	}
}
