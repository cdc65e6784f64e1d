import type { TraceEvent } from '../../../contract/decision.ts';

/** One trace event placed in the tree: its depth and whether deeper events follow it. */
export interface TraceRow {
  index: number;
  depth: number;
  event: TraceEvent;
  /** True when the next rows are deeper, i.e. this row can be collapsed. */
  hasChildren: boolean;
  /** A failed condition (op "fail"): highlighted in the viewer. */
  failed: boolean;
}

/**
 * Turns OPA's flat event stream into a tree kept as a flat list with depths (cheap to virtualise):
 * a query's depth is its parent query's depth + 1, fixed when the query is first seen. The root
 * query has query_id === parent_id (or a parent never seen).
 */
export function buildTraceRows(events: readonly TraceEvent[]): TraceRow[] {
  const depthOf = new Map<number, number>();
  const rows: TraceRow[] = events.map((event, index) => {
    let depth = depthOf.get(event.query_id);
    if (depth === undefined) {
      const parent = event.parent_id === event.query_id ? undefined : depthOf.get(event.parent_id);
      depth = parent === undefined ? 0 : parent + 1;
      depthOf.set(event.query_id, depth);
    }
    return { index, depth, event, hasChildren: false, failed: event.op === 'fail' };
  });
  for (let i = 0; i < rows.length - 1; i++) rows[i]!.hasChildren = rows[i + 1]!.depth > rows[i]!.depth;
  return rows;
}

/** The rows still shown when the rows at `collapsed` indexes hide everything deeper below them. */
export function visibleRows(rows: readonly TraceRow[], collapsed: ReadonlySet<number>): TraceRow[] {
  if (collapsed.size === 0) return rows as TraceRow[];
  const out: TraceRow[] = [];
  let hideDeeperThan = Infinity;
  for (const row of rows) {
    if (row.depth > hideDeeperThan) continue;
    hideDeeperThan = Infinity;
    out.push(row);
    if (row.hasChildren && collapsed.has(row.index)) hideDeeperThan = row.depth;
  }
  return out;
}

/** How many events failed, for the summary line. */
export function countFailures(rows: readonly TraceRow[]): number {
  return rows.reduce((n, row) => n + (row.failed ? 1 : 0), 0);
}

/** `name = value` pairs of an event's variable bindings, values as compact JSON (long ones cut). */
export function formatBindings(locals: Record<string, unknown> | undefined, max = 120): string[] {
  if (!locals) return [];
  return Object.entries(locals).map(([name, value]) => {
    let text: string;
    try {
      text = JSON.stringify(value) ?? 'undefined';
    } catch {
      text = String(value);
    }
    return `${name} = ${text.length > max ? `${text.slice(0, max - 1)}…` : text}`;
  });
}
