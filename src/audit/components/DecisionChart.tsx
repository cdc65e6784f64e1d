import { useMemo } from 'react';
import type { AuditEventRow } from '../api/queries';
import { bucketDecisions } from '../chart';

/** Allows and denies over time for the decisions loaded so far; the numbers are also given as text. */
export function DecisionChart({ rows, complete }: { rows: readonly AuditEventRow[]; complete: boolean }) {
  const { buckets, allow, deny } = useMemo(() => bucketDecisions(rows, 32), [rows]);
  const max = Math.max(1, ...buckets.map((b) => b.allow + b.deny));
  const W = 320;
  const H = 48;
  const bw = W / Math.max(1, buckets.length);
  const summary = `${allow.toLocaleString()} allowed and ${deny.toLocaleString()} denied ${complete ? 'in this view' : 'among the decisions loaded so far'}`;
  return (
    <figure className="audit-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`Chart: ${summary}`}>
        {buckets.map((b, i) => {
          const ah = (b.allow / max) * H;
          const dh = (b.deny / max) * H;
          return (
            <g key={i}>
              <title>{`${b.label}: ${b.allow} allowed, ${b.deny} denied`}</title>
              <rect x={i * bw + 1} y={H - ah} width={bw - 2} height={ah} className="bar-allow" />
              <rect x={i * bw + 1} y={H - ah - dh} width={bw - 2} height={dh} className="bar-deny" />
            </g>
          );
        })}
      </svg>
      <figcaption>{summary}.</figcaption>
    </figure>
  );
}
