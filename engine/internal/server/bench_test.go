package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkEvaluateThroughRouter adds request decoding, validation and
// response encoding to one evaluation (no socket), as the STS path sees it.
func BenchmarkEvaluateThroughRouter(b *testing.B) {
	s := newTestServer(Options{})
	load := httptest.NewRecorder()
	s.ServeHTTP(load, httptest.NewRequest(http.MethodPost, "/v1/bundles", strings.NewReader(`{"key": "k", "modules": [`+module("pv1", allowTrusted)+`]}`)))
	if load.Code != 200 {
		b.Fatal(load.Body.String())
	}
	body := `{"key": "k", "input": {"schema_version": "2026-05-20", "principal": {"type": "Application", "id": "app-1", "zone_id": "z", "labels": ["trusted", "prod"]}, "resource": {"type": "Resource", "identifier": "resource://billing", "scopes": ["read"]}, "action": {"id": "TokenExchange"}, "context": {"requested_scopes": ["read"], "time": "2026-05-20T10:00:00Z"}}}`
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/evaluate", strings.NewReader(body)))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"decision":"allow"`) {
			b.Fatal(rec.Body.String())
		}
	}
}
