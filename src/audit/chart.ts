// The allow/deny chart's pure parts. The server counts every matching decision of the window
// (GET …/audit/decisions/histogram); here: the query for a filter, the sentences the chart reads
// as, and a throttle so the live tail refreshes it at most once every few seconds.
import type { AuditHistogram } from '../../contract/audit.ts';
import { filtersToApiQuery, type AuditApiQuery, type AuditFilters } from './filters';
import { shortTime } from './present';

export const CHART_BUCKETS = 32;
/** The live tail refreshes the chart at most this often. */
export const CHART_REFRESH_MS = 5_000;

type Format = (iso: string) => string;
const local: Format = (iso) => shortTime.format(new Date(iso));

/**
 * The histogram's query for a filter: the list's query, except that a preset ("last hour") ends
 * now, so its chart spans the whole hour even when the last decision is older.
 */
export function histogramQuery(filters: AuditFilters, now: number = Date.now()): AuditApiQuery {
  const q = filtersToApiQuery(filters, now);
  if (filters.range !== 'all' && filters.range !== 'custom') q.until = new Date(now).toISOString();
  return q;
}

/** What the chart says in words (its accessible name and caption). */
export function chartSummary(h: AuditHistogram, format: Format = local): string {
  const counts = `${h.allow.toLocaleString()} allowed and ${h.deny.toLocaleString()} denied in this window`;
  if (!h.since || !h.until) return `${counts}: no decision matches this filter yet`;
  return `${counts}, ${format(h.since)} to ${format(h.until)}`;
}

/** One bar's tooltip: its time span and counts. */
export function barTitle(b: AuditHistogram['buckets'][number], bucketMs: number, format: Format = local): string {
  const end = new Date(Date.parse(b.start) + bucketMs).toISOString();
  return `${format(b.start)} to ${format(end)}: ${b.allow.toLocaleString()} allowed, ${b.deny.toLocaleString()} denied`;
}

/**
 * Calls `fn` at most once per `ms`: the first call runs at once, calls within the interval fold
 * into one run at its end (so the last event of a burst is always counted).
 */
export function throttle(fn: () => void, ms: number, clock: () => number = Date.now) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = clock();
    fn();
  };
  const call = () => {
    if (timer !== undefined) return;
    const wait = last + ms - clock();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  call.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
