// Package server is the engine's HTTP layer: routes, request decoding with
// body limits, validation, the error envelope and bearer authentication.
package server

import "net/http"

// routes lists every route of the wire protocol (../../API.md).
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", s.health)
	mux.HandleFunc("GET /version", s.version)
	mux.HandleFunc("POST /v1/compile", s.compile)
	mux.HandleFunc("POST /v1/bundles", s.loadBundle)
	mux.HandleFunc("GET /v1/bundles/{key}", s.bundleStatus)
	mux.HandleFunc("POST /v1/evaluate", s.evaluate)
	mux.HandleFunc("POST /v1/evaluate/batch", s.evaluateBatch)
	mux.HandleFunc("GET /v1/builtins", s.builtins)
	mux.HandleFunc("POST /v1/format", s.format)
	mux.HandleFunc("POST /v1/test", s.test)
	mux.HandleFunc("/", s.notFound)
	return s.recoverPanics(s.requireSecret(mux))
}
