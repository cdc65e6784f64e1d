import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { PolicyUsage, PolicyVersion } from '../../api/schemas';
import { ErrorText } from '../../components/ErrorPanel';
import { formatTime, shortHash } from '../../components/format';
import { policyQueries } from '../api/queries';

interface Props {
  zoneId: string;
  policyId: string;
  versions: readonly PolicyVersion[];
  onCompare: (version: number) => void;
}

export function VersionHistoryTable({ zoneId, policyId, versions, onCompare }: Props) {
  const usage = useQuery(policyQueries.usage(zoneId, policyId));
  const editor = (n: number) => `/zones/${encodeURIComponent(zoneId)}/policies/${encodeURIComponent(policyId)}?version=${n}`;
  return (
    <>
      {usage.isError && (
        <div role="alert" className="error-panel">
          <strong>“Used by” is unavailable</strong>
          <ErrorText error={usage.error} />
        </div>
      )}
      <table className="table">
        <caption className="visually-hidden">Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Author</th>
            <th scope="col">Saved</th>
            <th scope="col">Content hash</th>
            <th scope="col">Used by</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <Link to={editor(v.version)}>v{v.version}</Link>
              </th>
              <td>{v.created_by ?? '—'}</td>
              <td>{formatTime(v.created_at)}</td>
              <td>
                <code title={v.content_sha256}>{shortHash(v.content_sha256)}</code>
              </td>
              <td>{usage.isPending ? <span className="muted">Loading…</span> : <UsedBy items={usage.data?.items.filter((u) => u.policy_version_id === v.id) ?? []} />}</td>
              <td>
                <button type="button" className="link-button" onClick={() => onCompare(v.version)}>
                  Compare v{v.version} with its predecessor
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function UsedBy({ items }: { items: PolicyUsage['items'] }) {
  if (items.length === 0) return <span className="muted">No policy set</span>;
  return (
    <ul className="plain">
      {items.map((u) => (
        <li key={u.policy_set_version_id}>
          {u.policy_set_name} v{u.policy_set_version}
          {u.active && <span className="badge badge-active">Active</span>}
        </li>
      ))}
    </ul>
  );
}
