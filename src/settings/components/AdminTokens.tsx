import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorPanel';
import { formatTime } from '../../components/format';
import { revokeAdminToken, settingsQueries } from '../api/queries';
import { CreateTokenDialog } from './CreateTokenDialog';

export function AdminTokens({ zoneId }: { zoneId: string }) {
  const { data } = useSuspenseQuery(settingsQueries.tokens());
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => revokeAdminToken(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsQueries.all() }),
  });
  const tokens = data.items.filter((token) => !token.revoked_at);

  return (
    <>
      <CreateTokenDialog zoneId={zoneId} />
      {revoke.isError && (
        <div role="alert" className="error-panel">
          <strong>The token was not revoked</strong>
          <ErrorText error={revoke.error} />
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="muted">No admin tokens yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Admin tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Zone</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>{token.role}</td>
                <td>{token.zone_id ?? 'All zones'}</td>
                <td>{token.created_at ? formatTime(token.created_at) : '—'}</td>
                <td>
                  <button type="button" className="danger" onClick={() => setRevoking({ id: token.id, name: token.name })}>
                    Revoke {token.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? 'token'}?`}
        description="Anyone using this token loses access at once. This cannot be undone."
        confirmLabel="Revoke token"
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id);
          setRevoking(null);
        }}
        onCancel={() => setRevoking(null)}
      />
    </>
  );
}
