package engine

import (
	"context"
	"encoding/json"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"caracal.dev/engine/internal/wire"
)

// MaxBatch is the most inputs one batch may carry.
const MaxBatch = 10000

// EvaluateBatch evaluates every input against one loaded bundle, spread over
// GOMAXPROCS workers, and returns the results in input order. The deadline
// applies to each evaluation. Only ErrBundleNotLoaded is returned as an error.
func (e *Engine) EvaluateBatch(ctx context.Context, key string, inputs []json.RawMessage, deadline time.Duration) (wire.BatchResponse, error) {
	b, err := e.bundleFor(ctx, key, nil)
	if err != nil {
		return wire.BatchResponse{}, err
	}
	start := time.Now()
	deadline = e.deadline(deadline)
	results := make([]wire.Result, len(inputs))
	each := make([]float64, len(inputs))
	var next atomic.Int64
	workers := min(runtime.GOMAXPROCS(0), len(inputs))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(inputs) {
					return
				}
				t := time.Now()
				results[i], _, _ = e.evalOne(ctx, b, inputs[i], ExplainOff, deadline)
				each[i] = ms(time.Since(t))
			}
		})
	}
	wg.Wait()
	return wire.BatchResponse{Results: results, Metrics: wire.BatchMetrics{EvalMS: ms(time.Since(start)), EachEvalMS: each}}, nil
}
