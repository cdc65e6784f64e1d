package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"caracal.dev/engine/internal/wire"
)

// Limits of the decision contract.
const (
	MaxContentChars = 262144
	MaxModules      = 512 // a 256-entry manifest plus drafts and test modules
	MaxKeyLength    = 256
	MaxDeadlineMS   = 60000
)

// requestError is a 4xx answer with a plain sentence.
type requestError struct {
	status int
	code   string
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func invalid(format string, args ...any) *requestError {
	return &requestError{status: http.StatusBadRequest, code: wire.CodeInvalidRequest, msg: fmt.Sprintf(format, args...)}
}

func writeRequestError(w http.ResponseWriter, err *requestError) {
	writeError(w, err.status, err.code, err.msg)
}

// decode reads one JSON object from the body into dst, bounded by maxBody.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, dst any) *requestError {
	body := http.MaxBytesReader(w, r.Body, s.maxBody)
	dec := json.NewDecoder(body)
	err := dec.Decode(dst)
	if err == nil {
		// exactly one JSON value: anything after it is malformed
		if _, extra := dec.Token(); extra != io.EOF {
			var mbe *http.MaxBytesError
			if errors.As(extra, &mbe) {
				return tooLarge(s.maxBody)
			}
			return invalid("The request body is not valid JSON: it has data after the JSON object.")
		}
		return nil
	}
	var (
		mbe    *http.MaxBytesError
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &mbe):
		return tooLarge(s.maxBody)
	case errors.Is(err, io.EOF):
		return invalid("The request body is empty; send a JSON object.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("The request body is not valid JSON: it ends in the middle of a value.")
	case errors.As(err, &syntax):
		return invalid("The request body is not valid JSON: %s (at byte %d).", syntax.Error(), syntax.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return invalid("The request body must be a JSON object, not %s.", article(typ.Value))
		}
		return invalid("Field %s must be %s, not %s.", typ.Field, jsonKind(typ.Type), article(typ.Value))
	default:
		return invalid("The request body could not be read as JSON: %s.", err.Error())
	}
}

func tooLarge(limit int64) *requestError {
	return &requestError{status: http.StatusRequestEntityTooLarge, code: wire.CodeBodyTooLarge,
		msg: fmt.Sprintf("The request body is larger than the limit of %d MiB.", limit>>20)}
}

func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "an integer"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a " + t.Kind().String()
}

func article(jsonValue string) string {
	switch {
	case jsonValue == "array", jsonValue == "object":
		return "an " + jsonValue
	case strings.HasPrefix(jsonValue, "number"):
		return "a number"
	default:
		return "a " + jsonValue
	}
}

// modules validates a required list of modules.
func modules(in *[]wire.ModuleIn) ([]wire.Module, *requestError) {
	if in == nil {
		return nil, invalid("Field modules is required: send an array of modules.")
	}
	if len(*in) == 0 {
		return nil, invalid("Field modules must contain at least one module.")
	}
	if len(*in) > MaxModules {
		return nil, invalid("Field modules has %d modules; at most %d are accepted.", len(*in), MaxModules)
	}
	out := make([]wire.Module, len(*in))
	for i, m := range *in {
		switch {
		case m.ID == nil || *m.ID == "":
			return nil, invalid("Field modules[%d].id is required.", i)
		case m.Policy == nil || *m.Policy == "":
			return nil, invalid("Field modules[%d].policy is required.", i)
		case m.Content == nil:
			return nil, invalid("Field modules[%d].content is required.", i)
		}
		if n := utf8.RuneCountInString(*m.Content); n > MaxContentChars {
			return nil, invalid("Field modules[%d].content has %d characters; a policy may have at most %d.", i, n, MaxContentChars)
		}
		out[i] = wire.Module{ID: *m.ID, Policy: *m.Policy, PolicyID: m.PolicyID, PolicyVersionID: m.PolicyVersionID, Version: m.Version, Content: *m.Content}
	}
	return out, nil
}

func key(k *string, required bool) (string, *requestError) {
	if k == nil {
		if required {
			return "", invalid("Field key is required.")
		}
		return "", nil
	}
	if *k == "" || len(*k) > MaxKeyLength {
		return "", invalid("Field key must be a non-empty string of at most %d characters.", MaxKeyLength)
	}
	return *k, nil
}

func deadlineMS(d *int) (int, *requestError) {
	if d == nil {
		return 0, nil
	}
	if *d < 1 || *d > MaxDeadlineMS {
		return 0, invalid("Field deadline_ms must be between 1 and %d.", MaxDeadlineMS)
	}
	return *d, nil
}
