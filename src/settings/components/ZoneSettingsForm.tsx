import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Zone } from '../../api/schemas';
import { zoneQueries } from '../../api/zones';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { usePermission } from '../../components/useSession';
import { updateZone } from '../api/queries';

export function ZoneSettingsForm({ zone }: { zone: Zone }) {
  const canManage = usePermission('manage_zone');
  const queryClient = useQueryClient();
  const [name, setName] = useState(zone.name);
  const [approval, setApproval] = useState(zone.settings.require_activation_approval);
  const changed = name.trim() !== zone.name || approval !== zone.settings.require_activation_approval;
  const save = useMutation({
    mutationFn: () => updateZone(zone.id, { name: name.trim(), settings: { require_activation_approval: approval } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: zoneQueries.all() }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canManage.allowed && changed) save.mutate();
  };
  return (
    <section aria-labelledby="zone-title" className="card">
      <h2 id="zone-title">Zone</h2>
      <form className="stack narrow" onSubmit={submit}>
        <label htmlFor="zone-name">Zone name</label>
        <input id="zone-name" value={name} required onChange={(event) => setName(event.target.value)} readOnly={!canManage.allowed} />
        <label className="checkbox">
          <input type="checkbox" checked={approval} onChange={(event) => setApproval(event.target.checked)} disabled={!canManage.allowed} />
          Require an approved activation request (from a reviewer who is not the requester) before activating
        </label>
        <p className="muted">
          Zone id <code>{zone.id}</code>
        </p>
        {save.isError && (
          <div role="alert" className="error-panel">
            <strong>The settings were not saved</strong>
            <ErrorText error={save.error} />
          </div>
        )}
        {save.isSuccess && !changed && <p role="status">Saved.</p>}
        <div>
          <GuardedButton type="submit" className="primary" blockedReason={canManage.reason ?? (changed ? null : 'Nothing changed.')} disabled={save.isPending}>
            Save zone settings
          </GuardedButton>
        </div>
      </form>
    </section>
  );
}
