package engine

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// parseInput must give exactly the value OPA's own reader gives, whatever the JSON.
func TestParseInputMatchesOPAsReader(t *testing.T) {
	cases := []string{
		`null`, `true`, `false`, `0`, `-1.50`, `1e400`, `12345678901234567890123`, `"é\u00e9\ud83d\ude00\n\"\\"`,
		`{"a":1,"a":2}`, `{"b":[1,{"c":null}],"a":{"":""}}`, `[]`, `{}`, `[[[[[[[[[[1]]]]]]]]]]`,
		`{"principal":{"labels":["team:x","tier:gold"]},"context":{"time":"2026-12-04T10:00:00Z"}}`,
		"\"bad utf8 \xff\"", `{"k":"v"}` + "\n",
	}
	for _, c := range cases {
		want, wantErr := ast.ValueFromReader(bytes.NewReader([]byte(c)))
		got, err := parseInput(json.RawMessage(c))
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, OPA's reader: %v", c, err, wantErr)
		}
		if err == nil && ast.Compare(got, want) != 0 {
			t.Errorf("%q: got %v, OPA's reader gives %v", c, got, want)
		}
	}
	for _, bad := range []string{`NaN`, `{"a":Inf}`, `{"a":1`, `[1,]`, `{'a':1}`} {
		if _, err := parseInput(json.RawMessage(bad)); err == nil {
			t.Errorf("%q: accepted, want an error", bad)
		}
	}
}

func FuzzParseInputMatchesOPAsReader(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":"c"}]}`, `"x"`, `1.0e-3`, `{"a":1,"a":{"b":2}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		want, wantErr := ast.ValueFromReader(bytes.NewReader(raw))
		got, err := parseInput(raw)
		if len(raw) == 0 {
			return // empty means "no input" here: null
		}
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, OPA's reader: %v", raw, err, wantErr)
		}
		if err == nil && ast.Compare(got, want) != 0 {
			t.Fatalf("%q: got %v, OPA's reader gives %v", raw, got, want)
		}
	})
}
