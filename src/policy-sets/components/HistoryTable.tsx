import { useSuspenseQuery } from '@tanstack/react-query';
import type { PolicySetVersion } from '../../../contract/index.ts';
import { formatTime } from '../../components/format';
import { GuardedButton } from '../../components/GuardedButton';
import { setQueries } from '../api/queries';

interface Props {
  zoneId: string;
  setId: string;
  versions: readonly PolicySetVersion[];
  activeVersionId: string | null;
  blockedReason: string | null;
  onRollback: (version: PolicySetVersion) => void;
}

/** Every activation of this set (from → to, actor, reason, approver), newest first, with rollback. */
export function HistoryTable({ zoneId, setId, versions, activeVersionId, blockedReason, onRollback }: Props) {
  const { data } = useSuspenseQuery(setQueries.activations(zoneId));
  const { data: requests } = useSuspenseQuery(setQueries.requests(zoneId));
  const rows = data.items.filter((a) => a.policy_set_id === setId);
  // Four-eyes activations come from a request: show who asked as well as who approved.
  const requesterOf = new Map(requests.items.filter((r) => r.activation_id).map((r) => [r.activation_id!, r.requested_by]));
  const byId = new Map(versions.map((v) => [v.id, v]));
  const label = (id: string | null) => (id ? `v${byId.get(id)?.version ?? '?'}` : 'nothing');
  if (rows.length === 0) return <p className="muted">This set has never been activated.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">Activation history</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">From → to</th>
          <th scope="col">Actor</th>
          <th scope="col">Reason</th>
          <th scope="col">Requested by</th>
          <th scope="col">Approved by</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => {
          const to = byId.get(a.to_version_id);
          return (
            <tr key={a.id}>
              <td>{formatTime(a.occurred_at)}</td>
              <td>
                {label(a.from_version_id)} → {label(a.to_version_id)}
              </td>
              <td>{a.actor}</td>
              <td>{a.reason || '—'}</td>
              <td>{requesterOf.get(a.id) ?? '—'}</td>
              <td>{a.approved_by ?? '—'}</td>
              <td>
                {to && a.to_version_id !== activeVersionId && (
                  <GuardedButton blockedReason={blockedReason} onClick={() => onRollback(to)} aria-label={`Roll back to this version (v${to.version})`}>
                    Roll back to this version
                  </GuardedButton>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
