import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../contract/decision.ts';
import { buildTraceRows, countFailures, formatBindings, visibleRows } from './traceTree';

const ev = (op: TraceEvent['op'], query_id: number, parent_id: number, node = op): TraceEvent => ({
  op,
  query_id,
  parent_id,
  node,
  location: null,
});

describe('buildTraceRows', () => {
  const events = [ev('enter', 0, 0), ev('eval', 0, 0), ev('enter', 1, 0), ev('eval', 1, 0), ev('fail', 1, 0), ev('enter', 2, 1), ev('exit', 0, 0)];
  const rows = buildTraceRows(events);

  it('nests a query under its parent query', () => {
    expect(rows.map((r) => r.depth)).toEqual([0, 0, 1, 1, 1, 2, 0]);
  });
  it('marks rows followed by deeper rows as collapsible and fails as failed', () => {
    expect(rows.map((r) => r.hasChildren)).toEqual([false, true, false, false, true, false, false]);
    expect(rows.filter((r) => r.failed).map((r) => r.index)).toEqual([4]);
    expect(countFailures(rows)).toBe(1);
  });
  it('treats an unseen parent as a root', () => {
    expect(buildTraceRows([ev('enter', 7, 3)])[0]!.depth).toBe(0);
  });
  it('collapsing hides every deeper row until the depth comes back', () => {
    expect(visibleRows(rows, new Set([1])).map((r) => r.index)).toEqual([0, 1, 6]);
    expect(visibleRows(rows, new Set([4])).map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 6]);
    expect(visibleRows(rows, new Set()).length).toBe(7);
  });
  it('handles 10,000 events in one pass', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ev(i % 3 === 2 ? 'fail' : 'eval', i % 50, Math.max(0, (i % 50) - 1)));
    const built = buildTraceRows(many);
    expect(built).toHaveLength(10_000);
    expect(visibleRows(built, new Set([0])).length).toBeLessThan(10_000);
  });
});

describe('formatBindings', () => {
  it('prints each binding as compact JSON and cuts long values', () => {
    expect(formatBindings({ x: 1, labels: ['a'] })).toEqual(['x = 1', 'labels = ["a"]']);
    expect(formatBindings({ s: 'y'.repeat(300) }, 10)[0]).toBe('s = "yyyyyyyy…');
    expect(formatBindings(undefined)).toEqual([]);
  });
});
