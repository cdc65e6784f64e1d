import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { auditQueries } from '../api/queries';
import { barTitle, CHART_REFRESH_MS, chartSummary, throttle } from '../chart';
import type { AuditFilters } from '../filters';

const W = 320;
const H = 48;

/**
 * Allows and denies over the selected window, counted by the server over every matching decision
 * (not only the rows the table has loaded); the numbers are also given as text.
 */
export function DecisionChart({ zoneId, filters }: { zoneId: string; filters: AuditFilters }) {
  const query = useQuery(auditQueries.histogram(zoneId, filters));
  if (query.isPending) {
    return (
      <figure className="audit-chart" aria-busy="true">
        <figcaption className="muted">Counting decisions in this window…</figcaption>
      </figure>
    );
  }
  if (query.isError) {
    // Only the chart is missing; the table below still works.
    return (
      <figure className="audit-chart">
        <figcaption>
          The chart could not be loaded: {query.error.message}{' '}
          <button type="button" onClick={() => void query.refetch()}>
            Retry
          </button>
        </figcaption>
      </figure>
    );
  }
  const h = query.data;
  const summary = chartSummary(h);
  const max = Math.max(1, ...h.buckets.map((b) => b.allow + b.deny));
  const bw = W / Math.max(1, h.buckets.length);
  return (
    <figure className="audit-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`Chart: ${summary}`}>
        {h.buckets.map((b, i) => {
          const ah = (b.allow / max) * H;
          const dh = (b.deny / max) * H;
          return (
            <g key={b.start}>
              <title>{barTitle(b, h.bucket_ms)}</title>
              <rect x={i * bw + 1} y={0} width={Math.max(0, bw - 2)} height={H} fill="transparent" />
              <rect x={i * bw + 1} y={H - ah} width={Math.max(0, bw - 2)} height={ah} className="bar-allow" />
              <rect x={i * bw + 1} y={H - ah - dh} width={Math.max(0, bw - 2)} height={dh} className="bar-deny" />
            </g>
          );
        })}
      </svg>
      <figcaption>{summary}.</figcaption>
    </figure>
  );
}

/** A function the live tail calls per new matching decision: refreshes the chart, throttled. */
export function useChartRefresh(zoneId: string) {
  const queryClient = useQueryClient();
  const refresh = useMemo(
    () => throttle(() => void queryClient.invalidateQueries({ queryKey: auditQueries.histograms(zoneId) }), CHART_REFRESH_MS),
    [queryClient, zoneId],
  );
  useEffect(() => refresh.cancel, [refresh]);
  return refresh;
}
