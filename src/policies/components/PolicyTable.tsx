import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { PolicySummary } from '../../api/schemas';
import { formatTime } from '../../components/format';
import { preloadEditor } from '../../editor';
import type { PolicySort } from '../api/queries';

interface Props {
  zoneId: string;
  rows: readonly PolicySummary[];
  sort: PolicySort;
  onSort: (sort: PolicySort) => void;
  hasMore: boolean;
  loadMore: () => void;
}

const ROW_HEIGHT = 44;

/** Only the visible rows are in the DOM, so 10,000 policies scroll like 10. */
export function PolicyTable({ zoneId, rows, sort, onSort, hasMore, loadMore }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 40) loadMore();
  }, [hasMore, lastIndex, rows.length, loadMore]);

  return (
    <div role="table" aria-label="Policies" aria-rowcount={rows.length + 1} className="vtable">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="vrow vhead">
          <SortHeader label="Name" field="name" sort={sort} onSort={onSort} />
          <div role="columnheader">Latest version</div>
          <div role="columnheader">In active set</div>
          <SortHeader label="Last change" field="updated_at" sort={sort} onSort={onSort} />
        </div>
      </div>
      <div role="rowgroup" ref={scroller} className="vbody">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const policy = rows[item.index];
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={policy.id}
                className="vrow"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell">
                  <Link to={`/zones/${encodeURIComponent(zoneId)}/policies/${encodeURIComponent(policy.id)}`} onMouseEnter={preloadEditor} onFocus={preloadEditor}>
                    {policy.name}
                  </Link>
                </div>
                <div role="cell">v{policy.latest_version}</div>
                <div role="cell">{policy.in_active_set ? <span className="badge badge-active">Active</span> : <span className="muted">No</span>}</div>
                <div role="cell">{formatTime(policy.updated_at)}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function SortHeader({ label, field, sort, onSort }: { label: string; field: 'name' | 'updated_at'; sort: PolicySort; onSort: (s: PolicySort) => void }) {
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const next: PolicySort = direction === 'ascending' ? `-${field}` : field;
  return (
    <div role="columnheader" aria-sort={direction}>
      <button type="button" className="link-button" onClick={() => onSort(next)}>
        {label} {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
        <span className="visually-hidden">, sort {next.startsWith('-') ? 'descending' : 'ascending'}</span>
      </button>
    </div>
  );
}
