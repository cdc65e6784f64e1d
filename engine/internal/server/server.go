package server

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"caracal.dev/engine/internal/engine"
	"caracal.dev/engine/internal/wire"
)

// MaxBody is the largest request body accepted: a 256-policy set at the
// content limit is 64 MiB of ASCII Rego before JSON escaping, so the bound
// leaves room for escaping and non-ASCII text.
const MaxBody = 128 << 20

// Server serves one engine over HTTP.
type Server struct {
	eng          *engine.Engine
	secret       string // when set, every route but /health needs "Bearer <secret>"
	maxBody      int64
	builtinsJSON []byte // the catalogue never changes: encoded once
	log          io.Writer
	handler      http.Handler
}

// Options configure a Server.
type Options struct {
	Secret  string
	MaxBody int64     // 0 = MaxBody
	Log     io.Writer // unexpected failures only; nil = discard
}

func New(eng *engine.Engine, opts Options) *Server {
	s := &Server{eng: eng, secret: opts.Secret, maxBody: opts.MaxBody, log: opts.Log}
	if s.maxBody <= 0 {
		s.maxBody = MaxBody
	}
	if s.log == nil {
		s.log = io.Discard
	}
	s.builtinsJSON, _ = json.Marshal(wire.BuiltinsResponse{Builtins: eng.Builtins()})
	s.handler = s.routes()
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

func (s *Server) requireSecret(next http.Handler) http.Handler {
	if s.secret == "" {
		return next
	}
	want := []byte("Bearer " + s.secret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/health" && subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			writeError(w, http.StatusUnauthorized, wire.CodeUnauthorized, "this engine requires the header Authorization: Bearer <CARACAL_ENGINE_SECRET>.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics keeps the engine serving if a handler has a bug; evaluation
// panics are already turned into error results inside the engine.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				fmt.Fprintf(s.log, "caracal-engine: panic serving %s %s: %v\n", r.Method, r.URL.Path, p)
				writeError(w, http.StatusInternalServerError, wire.CodeInternal, "the engine failed while handling this request.")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"error":"internal_error","message":"the engine could not encode its response."}`)
	}
	writeRaw(w, status, body)
}

func writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, wire.ErrorBody{Error: code, Message: msg})
}
