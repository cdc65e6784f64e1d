import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { RouteBoundary } from '../../components/RouteBoundary';
import { auditQueries, type AuditEventRow } from '../api/queries';
import { AuditTabs } from '../components/AuditTabs';
import { DecisionChart, useChartRefresh } from '../components/DecisionChart';
import { DecisionsTable } from '../components/DecisionsTable';
import { ExportDecisions } from '../components/ExportDecisions';
import { FiltersForm } from '../components/FiltersForm';
import { useLiveTail } from '../components/useLiveTail';
import { useVersionLabels } from '../components/useVersionLabels';
import { VerifyChain } from '../components/VerifyChain';
import { eventMatches, filtersFromSearch, filtersToSearch, type AuditFilters } from '../filters';
import '../audit.css';

/** /zones/:zoneId/audit?decision=…&range=… — every STS decision of the zone, filterable, live. */
export function DecisionsRoute() {
  const { zoneId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const key = filtersToSearch(filters).toString();
  const apply = (next: AuditFilters) => setSearch(filtersToSearch(next));

  return (
    <>
      <div className="page-header">
        <h1>Audit</h1>
        <VerifyChain zoneId={zoneId} />
      </div>
      <AuditTabs />
      <FiltersForm key={key} zoneId={zoneId} filters={filters} onApply={apply} />
      <ExportDecisions zoneId={zoneId} filters={filters} />
      <RouteBoundary label="Loading decisions…" errorTitle="The decisions could not be loaded">
        <Decisions key={key} zoneId={zoneId} filters={filters} />
      </RouteBoundary>
    </>
  );
}

function Decisions({ zoneId, filters }: { zoneId: string; filters: AuditFilters }) {
  const query = useSuspenseInfiniteQuery(auditQueries.list(zoneId, filters));
  const [tail, setTail] = useState(true);
  const [live, setLive] = useState<AuditEventRow[]>([]);
  const [pending, setPending] = useState<AuditEventRow[]>([]);
  const scroller = useRef<HTMLDivElement>(null);
  const versionLabels = useVersionLabels(zoneId);
  const refreshChart = useChartRefresh(zoneId);

  // New decisions join at the top only while the reader is at the top; otherwise they wait
  // behind a button, so the rows being read never move.
  useLiveTail(zoneId, tail, (event) => {
    if (!eventMatches(filters, event)) return;
    refreshChart();
    if ((scroller.current?.scrollTop ?? 0) < 4) setLive((rows) => [event, ...rows]);
    else setPending((rows) => [event, ...rows]);
  });
  const showPending = () => {
    setLive((rows) => [...pending, ...rows]);
    setPending([]);
    scroller.current?.scrollTo({ top: 0 });
  };

  const rows = useMemo(() => {
    const seen = new Set<string>();
    const out: AuditEventRow[] = [];
    for (const row of [...live, ...query.data.pages.flatMap((p) => p.items)]) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      out.push(row);
    }
    return out;
  }, [live, query.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (!isFetchingNextPage) void fetchNextPage();
  }, [isFetchingNextPage, fetchNextPage]);

  return (
    <section aria-label="Decisions">
      <div className="audit-toolbar">
        <DecisionChart zoneId={zoneId} filters={filters} />
        <label className="checkbox">
          <input type="checkbox" checked={tail} onChange={(e) => setTail(e.target.checked)} /> Live tail
        </label>
        <span className="muted" role="status">
          {rows.length.toLocaleString()} {hasNextPage ? 'loaded, more as you scroll' : rows.length === 1 ? 'decision' : 'decisions'}
        </span>
        {pending.length > 0 && (
          <button type="button" onClick={showPending}>
            Show {pending.length} new {pending.length === 1 ? 'decision' : 'decisions'}
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <EmptyState title="No decisions match this filter">
          <p>Decisions appear here as applications ask the STS for tokens{tail ? '; this view adds them live' : ''}.</p>
        </EmptyState>
      ) : null}
      <div hidden={rows.length === 0}>
        <DecisionsTable zoneId={zoneId} rows={rows} hasMore={!!hasNextPage} loadMore={loadMore} scroller={scroller} versionLabels={versionLabels} />
      </div>
    </section>
  );
}
