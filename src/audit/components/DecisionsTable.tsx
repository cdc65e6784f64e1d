import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, type RefObject } from 'react';
import { Link } from 'react-router';
import type { AuditEventRow } from '../api/queries';
import { determiningText, meta, shortTime } from '../present';

interface Props {
  zoneId: string;
  rows: readonly AuditEventRow[];
  hasMore: boolean;
  loadMore: () => void;
  scroller: RefObject<HTMLDivElement | null>;
  /** "main v3" by policy-set version id. */
  versionLabels: ReadonlyMap<string, string>;
}

export const DECISION_ROW_HEIGHT = 40;

/** Only visible rows are in the DOM and pages load as the reader nears the end (keyset cursor). */
export function DecisionsTable({ zoneId, rows, hasMore, loadMore, scroller, versionLabels }: Props) {
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => DECISION_ROW_HEIGHT,
    overscan: 16,
    getItemKey: (i) => rows[i]!.id,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 60) loadMore();
  }, [hasMore, lastIndex, rows.length, loadMore]);

  const z = `/zones/${encodeURIComponent(zoneId)}`;
  return (
    <div role="table" aria-label="Decisions" aria-rowcount={rows.length + 1} className="vtable audit-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="vrow vhead audit-row">
          <div role="columnheader">Time</div>
          <div role="columnheader">Decision</div>
          <div role="columnheader">Application</div>
          <div role="columnheader">Resource</div>
          <div role="columnheader">Scopes</div>
          <div role="columnheader">Policy-set version</div>
          <div role="columnheader">Determining policies or reason</div>
          <div role="columnheader">Latency</div>
        </div>
      </div>
      <div role="rowgroup" ref={scroller} className="vbody audit-body" tabIndex={0} aria-label="Decisions, newest first">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const e = rows[item.index]!;
            const m = meta(e);
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={item.key}
                className="vrow audit-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: DECISION_ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell">
                  <Link to={`${z}/audit/decisions/${encodeURIComponent(e.request_id)}`} title={`Open decision ${e.request_id}`}>
                    <time dateTime={e.occurred_at}>{shortTime.format(new Date(e.occurred_at))}</time>
                  </Link>
                </div>
                <div role="cell">
                  <span className={`badge verdict-${e.decision}`}>{e.decision === 'allow' ? 'Allow' : 'Deny'}</span>
                </div>
                <div role="cell" className="truncate">{m.application_name ?? m.client_id ?? '—'}</div>
                <div role="cell" className="truncate" title={m.resource}>{m.resource ?? '—'}</div>
                <div role="cell" className="truncate">{m.scopes?.join(' ') || '—'}</div>
                <div role="cell" className="truncate">
                  {e.policy_set_version_id ? (
                    <span title={e.policy_set_version_id}>{versionLabels.get(e.policy_set_version_id) ?? `…${e.policy_set_version_id.slice(-8)}`}</span>
                  ) : (
                    'none'
                  )}
                </div>
                <div role="cell" className="truncate">{determiningText(e)}</div>
                <div role="cell">{typeof m.latency_ms === 'number' ? `${m.latency_ms.toFixed(1)} ms` : '—'}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
