package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"caracal.dev/engine/internal/wire"
)

func TestRunTestsReportsResultsAndCoverage(t *testing.T) {
	t.Parallel()
	e := newTestEngine()
	tests := policy("labels-tests", `package caracal.authz_test

import data.caracal.authz

test_trusted_allowed if {
	authz.allow with input as {"principal": {"labels": ["trusted"]}}
}

test_wrongly_expects_allow if {
	authz.allow with input as {"principal": {"labels": []}}
}

test_errors if {
	x := 1 / 0
	x == 1
}
`)
	resp, err := e.RunTests(context.Background(), []wire.Module{policy("labels", labelsPolicy+"\nunused if input.never\n"), tests})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]wire.TestCase{}
	for _, tc := range resp.Tests {
		got[tc.Name] = tc
	}
	if tc := got["test_trusted_allowed"]; tc.Status != "pass" || tc.Policy != "labels-tests" || tc.ModuleID != "pv-labels-tests" || tc.Location.Row != 5 || tc.Package != "caracal.authz_test" {
		t.Errorf("pass case = %+v", tc)
	}
	if tc := got["test_wrongly_expects_allow"]; tc.Status != "fail" || tc.Message == "" {
		t.Errorf("fail case = %+v", tc)
	}
	if tc := got["test_errors"]; tc.Status != "error" && tc.Status != "fail" {
		t.Errorf("error case = %+v", tc)
	}
	if resp.Passed != 1 || resp.Passed+resp.Failed+resp.Errored != 3 {
		t.Errorf("counts pass=%d fail=%d error=%d", resp.Passed, resp.Failed, resp.Errored)
	}
	cov := resp.Coverage[0]
	if cov.Policy != "labels" || !contains(cov.Covered, 3) || !contains(cov.NotCovered, 5) || cov.Percent <= 0 || cov.Percent >= 100 {
		t.Errorf("coverage = %+v", cov)
	}
}

func TestRunTestsOnBrokenSet(t *testing.T) {
	t.Parallel()
	_, err := newTestEngine().RunTests(context.Background(), []wire.Module{policy("bad", "package caracal.authz\n\ntest_x if {\n")})
	var cf *CompileFailedError
	if !errors.As(err, &cf) || !strings.Contains(cf.Errors[0].Code, "parse") {
		t.Fatalf("err = %v", err)
	}
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
