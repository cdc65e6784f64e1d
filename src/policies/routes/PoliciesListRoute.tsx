import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorPanel } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { Loading } from '../../components/Loading';
import { useDebouncedValue } from '../../components/useDebouncedValue';
import { preloadEditorWhenIdle } from '../../editor';
import { usePermission } from '../../components/useSession';
import { policyQueries, type PolicySort } from '../api/queries';
import { PolicyTable } from '../components/PolicyTable';

const sorts: readonly PolicySort[] = ['name', '-name', 'updated_at', '-updated_at'];

export function PoliciesListRoute() {
  const { zoneId = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort') as PolicySort | null;
  const sort: PolicySort = sortParam && sorts.includes(sortParam) ? sortParam : 'name';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 250);
  const canEdit = usePermission('edit_policies');

  useEffect(() => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (q) next.set('q', q);
      else next.delete('q');
      return next;
    }, { replace: true });
  }, [q, setParams]);

  // Most visits to the list end on a policy page; warm the editor up while the user reads.
  useEffect(() => preloadEditorWhenIdle(), []);

  const list = useInfiniteQuery({ ...policyQueries.list(zoneId, { q, sort }), placeholderData: keepPreviousData });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className="page-header">
        <h1>Policies</h1>
        <GuardedButton className="primary" blockedReason={canEdit.reason} onClick={() => navigate('new')}>
          New policy
        </GuardedButton>
      </div>
      <div className="toolbar">
        <label htmlFor="policy-search">Search policies</label>
        <input id="policy-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        <span role="status" className="muted">
          {list.isSuccess && `${rows.length}${list.hasNextPage ? '+' : ''} ${rows.length === 1 ? 'policy' : 'policies'}`}
        </span>
      </div>
      {list.isPending ? (
        <Loading label="Loading policies…" />
      ) : list.isError && rows.length === 0 ? (
        <ErrorPanel error={list.error} title="Could not load policies" onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <section className="empty-state" aria-label="No policies">
          <h2>{q ? `No policy matches “${q}”` : 'No policies in this zone yet'}</h2>
          {!q && canEdit.allowed && <Link to="new">Create the first policy from a template</Link>}
        </section>
      ) : (
        <PolicyTable
          zoneId={zoneId}
          rows={rows}
          sort={sort}
          onSort={(next) => setParams((prev) => ({ ...Object.fromEntries(prev), sort: next }))}
          hasMore={list.hasNextPage}
          loadMore={() => !list.isFetchingNextPage && void list.fetchNextPage()}
        />
      )}
      {list.isError && rows.length > 0 && (
        <ErrorPanel error={list.error} title="Could not load more policies" onRetry={() => void list.fetchNextPage()} />
      )}
    </>
  );
}
