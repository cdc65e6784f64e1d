// Package wire holds the JSON shapes of the engine's HTTP protocol (see ../../API.md).
// Request fields that must be present are pointers so a missing field can be told
// apart from an empty one; responses use plain values.
package wire

import "encoding/json"

// SchemaVersion is the decision-contract input schema this engine implements.
const SchemaVersion = "2026-05-20"

// Error codes of the error envelope.
const (
	CodeInvalidRequest  = "invalid_request"
	CodeBodyTooLarge    = "body_too_large"
	CodeUnauthorized    = "unauthorized"
	CodeBundleNotLoaded = "bundle_not_loaded"
	CodeCompileFailed   = "compile_failed"
	CodeNotFound        = "not_found"
	CodeInternal        = "internal_error"
)

// ErrorBody is every non-2xx response.
type ErrorBody struct {
	Error   string         `json:"error"`
	Message string         `json:"message"`
	Errors  []CompileError `json:"errors,omitzero"`
}

// ModuleIn is a module as it arrives; Validate turns it into a Module.
type ModuleIn struct {
	ID              *string `json:"id"`
	Policy          *string `json:"policy"`
	PolicyID        string  `json:"policy_id"`
	PolicyVersionID string  `json:"policy_version_id"`
	Version         int     `json:"version"`
	Content         *string `json:"content"`
}

// Module is one Rego source file of a policy set.
type Module struct {
	ID              string
	Policy          string
	PolicyID        string
	PolicyVersionID string
	Version         int
	Content         string
}

// CompileError is one parse, compile, format or test-syntax error, or a strict-mode warning.
type CompileError struct {
	ModuleID        string `json:"module_id"`
	Policy          string `json:"policy"`
	PolicyVersionID string `json:"policy_version_id,omitempty"`
	Row             int    `json:"row"`
	Col             int    `json:"col"`
	Code            string `json:"code"`
	Message         string `json:"message"`
}

type CompileRequest struct {
	Modules *[]ModuleIn `json:"modules"`
}

type ModuleInfo struct {
	ID      string   `json:"id"`
	Package string   `json:"package"`
	Rules   []string `json:"rules"`
}

type CompileResponse struct {
	OK       bool           `json:"ok"`
	Errors   []CompileError `json:"errors"`
	Warnings []CompileError `json:"warnings"`
	Modules  []ModuleInfo   `json:"modules"`
}

type LoadBundleRequest struct {
	Key     *string     `json:"key"`
	Modules *[]ModuleIn `json:"modules"`
}

type LoadBundleResponse struct {
	Key       string  `json:"key"`
	Loaded    bool    `json:"loaded"`
	CompileMS float64 `json:"compile_ms"`
	Cached    bool    `json:"cached"`
}

type BundleStatus struct {
	Key    string `json:"key"`
	Loaded bool   `json:"loaded"`
}

type EvaluateRequest struct {
	Key        *string         `json:"key"`
	Modules    *[]ModuleIn     `json:"modules"`
	Input      json.RawMessage `json:"input"`
	Explain    *string         `json:"explain"`
	DeadlineMS *int            `json:"deadline_ms"`
}

type Location struct {
	Row int `json:"row"`
	Col int `json:"col"`
}

type DeterminingPolicy struct {
	Policy          string   `json:"policy"`
	PolicyID        string   `json:"policy_id"`
	PolicyVersionID string   `json:"policy_version_id"`
	Version         int      `json:"version"`
	Rule            string   `json:"rule"`
	Location        Location `json:"location"`
}

type Diagnostic struct {
	Reason   string    `json:"reason"`
	Message  string    `json:"message,omitempty"`
	Policy   string    `json:"policy,omitempty"`
	Location *Location `json:"location,omitempty"`
}

// Result is the decision contract's result.
type Result struct {
	Decision            string              `json:"decision"`
	EvaluationStatus    string              `json:"evaluation_status"`
	DeterminingPolicies []DeterminingPolicy `json:"determining_policies"`
	Diagnostics         []Diagnostic        `json:"diagnostics"`
}

type TraceLocation struct {
	Policy          string `json:"policy"`
	PolicyVersionID string `json:"policy_version_id"`
	Row             int    `json:"row"`
	Col             int    `json:"col"`
}

type TraceEvent struct {
	Op       string         `json:"op"`
	QueryID  uint64         `json:"query_id"`
	ParentID uint64         `json:"parent_id"`
	Node     string         `json:"node"`
	Location *TraceLocation `json:"location"`
	Locals   map[string]any `json:"locals,omitempty"`
	Message  string         `json:"message,omitempty"`
}

type Metrics struct {
	EvalMS float64 `json:"eval_ms"`
}

type EvaluateResponse struct {
	Result    Result       `json:"result"`
	Trace     []TraceEvent `json:"trace,omitzero"`
	Truncated bool         `json:"truncated,omitempty"`
	Metrics   Metrics      `json:"metrics"`
}

type BatchRequest struct {
	Key        *string            `json:"key"`
	Inputs     *[]json.RawMessage `json:"inputs"`
	DeadlineMS *int               `json:"deadline_ms"`
}

type BatchResponse struct {
	Results []Result     `json:"results"`
	Metrics BatchMetrics `json:"metrics"`
}

// BatchMetrics: the whole batch's wall time, and each evaluation's own time in input order.
type BatchMetrics struct {
	EvalMS     float64   `json:"eval_ms"`
	EachEvalMS []float64 `json:"each_eval_ms"`
}

type Health struct {
	OK bool `json:"ok"`
}

type CacheStats struct {
	Entries    int   `json:"entries"`
	Bytes      int64 `json:"bytes"`
	MaxEntries int   `json:"max_entries"`
	MaxBytes   int64 `json:"max_bytes"`
	Hits       int64 `json:"hits"`
	Misses     int64 `json:"misses"`
	Evictions  int64 `json:"evictions"`
}

type Version struct {
	OPAVersion    string     `json:"opa_version"`
	SchemaVersion string     `json:"schema_version"`
	GoVersion     string     `json:"go_version"`
	Cache         CacheStats `json:"cache"`
}

type BuiltinArg struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
}

type Builtin struct {
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Categories  []string     `json:"categories"`
	Args        []BuiltinArg `json:"args"`
	Result      BuiltinArg   `json:"result"`
	Infix       string       `json:"infix,omitempty"`
}

type BuiltinsResponse struct {
	Builtins []Builtin `json:"builtins"`
}

type FormatRequest struct {
	Content *string `json:"content"`
}

type FormatResponse struct {
	Formatted string `json:"formatted"`
}

type TestRequest struct {
	Modules *[]ModuleIn `json:"modules"`
}

type TestCase struct {
	Name       string   `json:"name"`
	Package    string   `json:"package"`
	ModuleID   string   `json:"module_id"`
	Policy     string   `json:"policy"`
	Location   Location `json:"location"`
	Status     string   `json:"status"`
	DurationMS float64  `json:"duration_ms"`
	Message    string   `json:"message,omitempty"`
}

type Coverage struct {
	ModuleID   string  `json:"module_id"`
	Policy     string  `json:"policy"`
	Covered    []int   `json:"covered"`
	NotCovered []int   `json:"not_covered"`
	Percent    float64 `json:"percent"`
}

type TestResponse struct {
	Tests    []TestCase `json:"tests"`
	Coverage []Coverage `json:"coverage"`
	Passed   int        `json:"passed"`
	Failed   int        `json:"failed"`
	Errored  int        `json:"errored"`
}
