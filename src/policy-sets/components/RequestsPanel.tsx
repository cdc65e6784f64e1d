import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ActivationRequest, PolicySetVersion } from '../../../contract/index.ts';
import { formatTime } from '../../components/format';
import { useSetPermissions } from '../api/permissions';
import { setQueries } from '../api/queries';
import { ReviewRequestDialog } from './ReviewRequestDialog';

/** Activation requests of this set: pending ones to review, decided ones as a record. */
export function RequestsPanel({ zoneId, setId, versions, active }: { zoneId: string; setId: string; versions: readonly PolicySetVersion[]; active: PolicySetVersion | null }) {
  const { data } = useSuspenseQuery(setQueries.requests(zoneId));
  const { session, blocked } = useSetPermissions();
  const [open, setOpen] = useState<ActivationRequest | null>(null);
  const mine = data.items.filter((r) => r.policy_set_id === setId);
  const byId = new Map(versions.map((v) => [v.id, v]));
  if (mine.length === 0) return <p className="muted">No activation requests for this set.</p>;
  const blockedFor = (r: ActivationRequest) =>
    blocked('review') ?? (r.requested_by === session.name ? 'You requested this activation; another reviewer must approve it.' : null);
  const target = open ? byId.get(open.version_id) : undefined;
  return (
    <>
      <table className="table">
        <caption className="visually-hidden">Activation requests</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Requested</th>
            <th scope="col">Reason</th>
            <th scope="col">Decided</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {mine.map((r) => (
            <tr key={r.id}>
              <td>v{byId.get(r.version_id)?.version ?? '?'}</td>
              <td>{r.status}</td>
              <td>
                {r.requested_by}, {formatTime(r.requested_at)}
              </td>
              <td>{r.reason}</td>
              <td>{r.decided_by ? `${r.decided_by}${r.comment ? `: “${r.comment}”` : ''}` : '—'}</td>
              <td>
                {r.status === 'pending' && (
                  <button type="button" onClick={() => setOpen(r)}>
                    Review request for v{byId.get(r.version_id)?.version ?? '?'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && target && (
        <ReviewRequestDialog zoneId={zoneId} setId={setId} request={open} target={target} active={active} blockedReason={blockedFor(open)} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
