// Trace viewer cost without a browser: building the tree of a 10,000-event trace (the engine's cap)
// and recomputing the visible rows after a collapse. Run: npx tsx bench/trace-tree.ts
import { performance } from 'node:perf_hooks';
import type { TraceEvent } from '../contract/decision.ts';
import { buildTraceRows, visibleRows } from '../src/components/trace/traceTree.ts';

const ops: TraceEvent['op'][] = ['enter', 'eval', 'eval', 'fail', 'redo', 'exit'];
const events: TraceEvent[] = Array.from({ length: 10_000 }, (_, i) => {
  const query = Math.floor(i / 6) % 400;
  return {
    op: ops[i % ops.length]!,
    query_id: query,
    parent_id: query === 0 ? 0 : Math.floor(query / 2),
    node: `input.principal.labels[_] == "team:${i % 50}"`,
    location: { policy: 'p', policy_version_id: 'pv', row: (i % 40) + 1, col: 1 },
    locals: { x: i, labels: ['team:payments', 'suspended'] },
  };
});

function median(label: string, runs: number, fn: () => unknown) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label}: median ${times[Math.floor(runs / 2)]!.toFixed(2)} ms, max ${times[runs - 1]!.toFixed(2)} ms (${runs} runs)`);
}

const rows = buildTraceRows(events);
const collapsed = new Set(rows.filter((r) => r.hasChildren).slice(0, 200).map((r) => r.index));
median('buildTraceRows(10,000 events)', 50, () => buildTraceRows(events));
median('visibleRows(10,000 rows, 200 collapsed)', 50, () => visibleRows(rows, collapsed));
