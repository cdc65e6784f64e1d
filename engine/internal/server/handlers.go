package server

import (
	"errors"
	"net/http"
	"time"

	"caracal.dev/engine/internal/engine"
	"caracal.dev/engine/internal/wire"
)

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, wire.Health{OK: true})
}

func (s *Server) version(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.eng.Version())
}

func (s *Server) builtins(w http.ResponseWriter, _ *http.Request) {
	writeRaw(w, http.StatusOK, s.builtinsJSON)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, wire.CodeNotFound, "There is no route "+r.Method+" "+r.URL.Path+"; see engine/API.md.")
}

func (s *Server) compile(w http.ResponseWriter, r *http.Request) {
	var req wire.CompileRequest
	if err := s.decode(w, r, &req); err != nil {
		writeRequestError(w, err)
		return
	}
	mods, err := modules(req.Modules)
	if err != nil {
		writeRequestError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s.eng.Compile(mods))
}

func (s *Server) loadBundle(w http.ResponseWriter, r *http.Request) {
	var req wire.LoadBundleRequest
	if err := s.decode(w, r, &req); err != nil {
		writeRequestError(w, err)
		return
	}
	k, rerr := key(req.Key, true)
	if rerr != nil {
		writeRequestError(w, rerr)
		return
	}
	mods, rerr := modules(req.Modules)
	if rerr != nil {
		writeRequestError(w, rerr)
		return
	}
	cached, took, err := s.eng.Load(r.Context(), k, mods)
	if err != nil {
		s.engineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, wire.LoadBundleResponse{Key: k, Loaded: true, Cached: cached, CompileMS: float64(took.Microseconds()) / 1000})
}

func (s *Server) bundleStatus(w http.ResponseWriter, r *http.Request) {
	k := r.PathValue("key")
	if !s.eng.Loaded(k) {
		writeError(w, http.StatusNotFound, wire.CodeBundleNotLoaded, "No bundle is loaded under key "+k+"; load it with POST /v1/bundles.")
		return
	}
	writeJSON(w, http.StatusOK, wire.BundleStatus{Key: k, Loaded: true})
}

func explainLevel(s string) bool {
	switch s {
	case engine.ExplainOff, engine.ExplainNotes, engine.ExplainFails, engine.ExplainFull:
		return true
	}
	return false
}

func (s *Server) evaluate(w http.ResponseWriter, r *http.Request) {
	var req wire.EvaluateRequest
	if err := s.decode(w, r, &req); err != nil {
		writeRequestError(w, err)
		return
	}
	er, rerr := evalRequest(&req)
	if rerr != nil {
		writeRequestError(w, rerr)
		return
	}
	resp, err := s.eng.Evaluate(r.Context(), er)
	if err != nil {
		s.engineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func evalRequest(req *wire.EvaluateRequest) (engine.EvalRequest, *requestError) {
	var er engine.EvalRequest
	if (req.Key == nil) == (req.Modules == nil) {
		return er, invalid("Send exactly one of key (a loaded bundle) or modules (inline policies).")
	}
	k, rerr := key(req.Key, false)
	if rerr != nil {
		return er, rerr
	}
	er.Key = k
	if req.Modules != nil {
		if er.Modules, rerr = modules(req.Modules); rerr != nil {
			return er, rerr
		}
	}
	if len(req.Input) == 0 {
		return er, invalid("Field input is required (any JSON value; the STS sends an object).")
	}
	er.Input = req.Input
	er.Explain = engine.ExplainOff
	if req.Explain != nil {
		if !explainLevel(*req.Explain) {
			return er, invalid("Field explain must be one of off, notes, fails or full.")
		}
		er.Explain = *req.Explain
	}
	d, rerr := deadlineMS(req.DeadlineMS)
	if rerr != nil {
		return er, rerr
	}
	er.Deadline = time.Duration(d) * time.Millisecond
	return er, nil
}

func (s *Server) evaluateBatch(w http.ResponseWriter, r *http.Request) {
	var req wire.BatchRequest
	if err := s.decode(w, r, &req); err != nil {
		writeRequestError(w, err)
		return
	}
	k, rerr := key(req.Key, true)
	if rerr != nil {
		writeRequestError(w, rerr)
		return
	}
	if req.Inputs == nil {
		writeRequestError(w, invalid("Field inputs is required: send an array of inputs."))
		return
	}
	if len(*req.Inputs) > engine.MaxBatch {
		writeRequestError(w, invalid("Field inputs has %d inputs; at most %d are accepted per batch.", len(*req.Inputs), engine.MaxBatch))
		return
	}
	d, rerr := deadlineMS(req.DeadlineMS)
	if rerr != nil {
		writeRequestError(w, rerr)
		return
	}
	resp, err := s.eng.EvaluateBatch(r.Context(), k, *req.Inputs, time.Duration(d)*time.Millisecond)
	if err != nil {
		s.engineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) format(w http.ResponseWriter, r *http.Request) {
	var req wire.FormatRequest
	if err := s.decode(w, r, &req); err != nil {
		writeRequestError(w, err)
		return
	}
	if req.Content == nil {
		writeRequestError(w, invalid("Field content is required."))
		return
	}
	formatted, err := s.eng.Format(*req.Content)
	if err != nil {
		s.engineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, wire.FormatResponse{Formatted: formatted})
}

func (s *Server) test(w http.ResponseWriter, r *http.Request) {
	var req wire.TestRequest
	if err := s.decode(w, r, &req); err != nil {
		writeRequestError(w, err)
		return
	}
	mods, rerr := modules(req.Modules)
	if rerr != nil {
		writeRequestError(w, rerr)
		return
	}
	resp, err := s.eng.RunTests(r.Context(), mods)
	if err != nil {
		s.engineError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// engineError maps the engine's few error kinds to statuses.
func (s *Server) engineError(w http.ResponseWriter, err error) {
	var cf *engine.CompileFailedError
	switch {
	case errors.Is(err, engine.ErrBundleNotLoaded):
		writeError(w, http.StatusNotFound, wire.CodeBundleNotLoaded, "No bundle is loaded under this key; load it with POST /v1/bundles and retry.")
	case errors.As(err, &cf):
		writeJSON(w, http.StatusUnprocessableEntity, wire.ErrorBody{Error: wire.CodeCompileFailed, Message: compileFailedMessage(cf), Errors: cf.Errors})
	default:
		writeError(w, http.StatusInternalServerError, wire.CodeInternal, "The engine failed: "+err.Error())
	}
}

func compileFailedMessage(cf *engine.CompileFailedError) string {
	if len(cf.Errors) == 1 {
		e := cf.Errors[0]
		return "The policies do not compile: " + e.Policy + ": " + e.Message
	}
	return cf.Error() + "; see errors for each one."
}
