import { useSuspenseQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { formatTime, shortHash } from '../../components/format';
import { RouteBoundary } from '../../components/RouteBoundary';
import { useSetPermissions } from '../api/permissions';
import { setQueries } from '../api/queries';
import { CreateSetDialog } from '../components/CreateSetDialog';
import { setUrl } from '../urls';

/** /zones/:zoneId/policy-sets — every set with what is active and how many versions it has. */
export function PolicySetsListRoute() {
  const { zoneId = '' } = useParams();
  const { blocked } = useSetPermissions();
  return (
    <>
      <div className="page-header">
        <h1>Policy Sets</h1>
        <CreateSetDialog zoneId={zoneId} blockedReason={blocked('compose')} />
      </div>
      <RouteBoundary label="Loading policy sets…" errorTitle="The policy sets could not be loaded">
        <SetsTable zoneId={zoneId} />
      </RouteBoundary>
    </>
  );
}

function SetsTable({ zoneId }: { zoneId: string }) {
  const { data } = useSuspenseQuery(setQueries.list(zoneId));
  if (data.items.length === 0)
    return (
      <EmptyState title="No policy sets yet">
        <p>Create a set, then compose its first version from the zone's policies.</p>
      </EmptyState>
    );
  return (
    <table className="table">
      <caption className="visually-hidden">Policy sets of this zone</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Active version</th>
          <th scope="col">Activated</th>
          <th scope="col">Versions</th>
        </tr>
      </thead>
      <tbody>
        {data.items.map((set) => (
          <tr key={set.id}>
            <td>
              <Link to={setUrl(zoneId, set.id)}>{set.name}</Link>
              {set.description && <div className="muted">{set.description}</div>}
            </td>
            <td>
              {set.active_version ? (
                <>
                  v{set.active_version.version} <code title={set.active_version.manifest_sha256}>{shortHash(set.active_version.manifest_sha256)}</code>
                </>
              ) : set.last_activated_at ? (
                <span className="muted">Not active (last active {formatTime(set.last_activated_at)})</span>
              ) : (
                <span className="badge badge-never">Never activated</span>
              )}
            </td>
            <td>{set.active_version ? `${formatTime(set.active_version.activated_at)} by ${set.active_version.activated_by}` : '—'}</td>
            <td>{set.version_count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
