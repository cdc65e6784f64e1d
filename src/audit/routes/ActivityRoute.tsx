import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { RouteBoundary } from '../../components/RouteBoundary';
import { auditQueries } from '../api/queries';
import { AuditTabs } from '../components/AuditTabs';
import { timeWithZone } from '../present';
import '../audit.css';

/** /zones/:zoneId/audit/activity?action= — who changed what, when, with what result. */
export function ActivityRoute() {
  const { zoneId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const action = search.get('action') ?? '';
  return (
    <>
      <h1>Audit</h1>
      <AuditTabs />
      <form
        className="audit-filters"
        aria-label="Filter admin activity"
        onSubmit={(e) => {
          e.preventDefault();
          const value = String(new FormData(e.currentTarget).get('action') ?? '').trim();
          setSearch(value ? { action: value } : {});
        }}
      >
        <label>
          Action
          <input name="action" defaultValue={action} key={action} placeholder="e.g. policy_set.activate" />
        </label>
        <div className="audit-filter-actions">
          <button type="submit">Apply filters</button>
        </div>
      </form>
      <RouteBoundary label="Loading admin activity…" errorTitle="The admin activity could not be loaded">
        <ActivityList zoneId={zoneId} action={action} />
      </RouteBoundary>
    </>
  );
}

const objectLink = (zoneId: string, type: string, id: string | null, details: Record<string, unknown>) => {
  if (!id) return null;
  const z = `/zones/${encodeURIComponent(zoneId)}`;
  if (type === 'policy') return `${z}/policies/${encodeURIComponent(id)}`;
  if (type === 'policy_set') return `${z}/policy-sets/${encodeURIComponent(id)}`;
  if (type === 'policy_set_version' && typeof details.policy_set_id === 'string')
    return `${z}/policy-sets/${encodeURIComponent(details.policy_set_id)}/versions/${encodeURIComponent(id)}`;
  return null;
};

function ActivityList({ zoneId, action }: { zoneId: string; action: string }) {
  const query = useSuspenseInfiniteQuery(auditQueries.activity(zoneId, action));
  const rows = query.data.pages.flatMap((p) => p.items);
  if (rows.length === 0) return <EmptyState title="No admin activity matches this filter" />;
  return (
    <>
      <table className="table" aria-label="Admin activity">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Object</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const to = objectLink(zoneId, r.entity_type, r.entity_id, r.details);
            const name = typeof r.details.name === 'string' ? r.details.name : r.entity_id ?? '—';
            return (
              <tr key={r.id}>
                <td>
                  <time dateTime={r.occurred_at}>{timeWithZone.format(new Date(r.occurred_at))}</time>
                </td>
                <td>{r.actor}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>
                  {r.entity_type}: {to ? <Link to={to}>{name}</Link> : name}
                </td>
                <td>{r.status}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {query.hasNextPage && (
        <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          Load more
        </button>
      )}
    </>
  );
}
