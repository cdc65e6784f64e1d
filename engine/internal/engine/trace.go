package engine

import (
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/lineage"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"caracal.dev/engine/internal/wire"
)

// collector is one evaluation's tracer and print hook. print() output goes
// into the same stream as note events so it keeps its place in the trace.
type collector struct {
	set       *parsedSet
	plan      *plan
	level     string
	max       int // events returned
	rawMax    int // events kept before filtering
	events    []*topdown.Event
	truncated bool
}

func newCollector(set *parsedSet, p *plan, level string, max int) *collector {
	// Some raw events are dropped later (the engine's own query, unify ops),
	// and notes/fails keep only the paths to some events: collect more first.
	rawMax := 2*max + 100
	if level != ExplainFull {
		rawMax = 10 * max
	}
	return &collector{set: set, plan: p, level: level, max: max, rawMax: rawMax}
}

func (c *collector) Enabled() bool { return true }

func (c *collector) Config() topdown.TraceConfig {
	return topdown.TraceConfig{PlugLocalVars: c.level == ExplainFull}
}

func (c *collector) TraceEvent(ev topdown.Event) {
	if len(c.events) >= c.rawMax {
		c.truncated = true
		return
	}
	c.events = append(c.events, &ev)
}

func (c *collector) Print(pctx print.Context, msg string) error {
	ev := topdown.Event{Op: topdown.NoteOp, Location: pctx.Location, Message: msg}
	if n := len(c.events); n > 0 {
		// print runs inside the expression traced last: same query.
		ev.QueryID, ev.ParentID = c.events[n-1].QueryID, c.events[n-1].ParentID
	}
	c.TraceEvent(ev)
	return nil
}

// contractOp names the ops the contract shows; unify, save and the like are dropped.
func contractOp(op topdown.Op) (string, bool) {
	switch op {
	case topdown.EnterOp, topdown.ExitOp, topdown.EvalOp, topdown.FailOp, topdown.RedoOp, topdown.NoteOp, topdown.IndexOp:
		return strings.ToLower(string(op)), true
	}
	return "", false
}

func (c *collector) result() ([]wire.TraceEvent, bool) {
	var evs []*topdown.Event
	switch c.level {
	case ExplainNotes:
		evs = lineage.Notes(c.events)
	case ExplainFails:
		evs = lineage.Fails(c.events)
	default:
		evs = lineage.Full(c.events)
	}
	out := make([]wire.TraceEvent, 0, min(len(evs), c.max))
	truncated := c.truncated
	for _, ev := range evs {
		op, ok := contractOp(ev.Op)
		if !ok {
			continue
		}
		loc := c.location(ev.Location)
		node := ""
		if loc == nil && ev.Op != topdown.NoteOp {
			// Events of the engine's own decision query point at no module and
			// would show private names. Only its index lookups say something
			// useful ("no definition of allow can match this input"); they are
			// shown as lookups of the author's definition.
			if ev.Op != topdown.IndexOp || ev.Ref == nil {
				continue
			}
			var ok bool
			if node, loc, ok = c.syntheticLookup(*ev.Ref); !ok {
				continue
			}
		}
		if len(out) >= c.max {
			truncated = true
			break
		}
		if node == "" {
			node = nodeText(ev.Node, ev.Location)
		}
		te := wire.TraceEvent{Op: op, QueryID: ev.QueryID, ParentID: ev.ParentID, Node: node, Location: loc, Message: ev.Message}
		if c.level == ExplainFull && ev.Locals != nil {
			te.Locals = locals(ev)
		}
		if ev.Op == topdown.NoteOp && te.Node == "" {
			te.Node = "print"
		}
		out = append(out, te)
	}
	return out, truncated
}

// syntheticLookup names the author's rule behind a private path: the hits
// sets stand for every definition of allow or deny (no single location), an
// else-chain copy for its one definition.
func (c *collector) syntheticLookup(ref ast.Ref) (string, *wire.TraceLocation, bool) {
	last, ok := ref[len(ref)-1].Value.(ast.String)
	if !ok || !strings.HasPrefix(string(last), syntheticPrefix) {
		return "", nil, false
	}
	name := strings.TrimPrefix(string(last), syntheticPrefix)
	switch name {
	case "allow_hits":
		return "allow", nil, true
	case "deny_hits":
		return "deny", nil, true
	}
	kind, num, _ := strings.Cut(name, "_")
	k, err := strconv.Atoi(num)
	sites := c.plan.allows
	if kind == "deny" {
		sites = c.plan.denies
	}
	if err != nil || k < 0 || k >= len(sites) {
		return "", nil, false
	}
	m := c.set.sources[sites[k].module]
	return kind, &wire.TraceLocation{Policy: m.Policy, PolicyVersionID: m.PolicyVersionID, Row: sites[k].row, Col: sites[k].col}, true
}

func (c *collector) location(loc *ast.Location) *wire.TraceLocation {
	if loc == nil {
		return nil
	}
	i, ok := c.set.byFile[loc.File]
	if !ok {
		return nil
	}
	m := c.set.sources[i]
	return &wire.TraceLocation{Policy: m.Policy, PolicyVersionID: m.PolicyVersionID, Row: loc.Row, Col: loc.Col}
}

const maxNodeText = 400

// nodeText is the author's own source text of the node (so the private rule
// copies show as the rule the author wrote).
func nodeText(n ast.Node, loc *ast.Location) string {
	var s string
	if r, ok := n.(*ast.Rule); ok && r.Head != nil && r.Head.Location != nil && len(r.Head.Location.Text) > 0 {
		s = string(r.Head.Location.Text)
	} else if loc != nil && len(loc.Text) > 0 {
		s = string(loc.Text)
	} else if n != nil {
		s = n.String()
	}
	if len(s) > maxNodeText {
		s = s[:maxNodeText] + "…"
	}
	return s
}

func locals(ev *topdown.Event) map[string]any {
	out := map[string]any{}
	ev.Locals.Iter(func(k, v ast.Value) bool {
		kv, ok := k.(ast.Var)
		if !ok {
			return false
		}
		name := string(kv)
		if md, ok := ev.LocalMetadata[kv]; ok && md.Name != "" {
			name = string(md.Name)
		}
		if name == "_" || strings.HasPrefix(name, "__") || strings.HasPrefix(name, "$") {
			return false
		}
		if j, err := ast.JSON(v); err == nil {
			out[name] = j
		}
		return false
	})
	if len(out) == 0 {
		return nil
	}
	return out
}
