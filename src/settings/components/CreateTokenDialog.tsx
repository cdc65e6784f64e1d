import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import type { Role } from '../../api/schemas';
import { FormDialogActions } from '../../components/DialogActions';
import { ErrorText } from '../../components/ErrorPanel';
import { createAdminToken, settingsQueries } from '../api/queries';

const roles: readonly Role[] = ['author', 'reviewer', 'auditor', 'admin'];

export function CreateTokenDialog({ zoneId }: { zoneId: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('author');
  const [thisZoneOnly, setThisZoneOnly] = useState(true);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => createAdminToken({ name: name.trim(), role, zone_id: thisZoneOnly ? zoneId : undefined }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsQueries.all() }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate();
  };
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      create.reset();
      setName('');
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <button type="button">Create admin token</button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>Create admin token</Dialog.Title>
          <Dialog.Description>The token is shown once; store it somewhere safe.</Dialog.Description>
          {create.isSuccess ? (
            <div className="stack">
              <label htmlFor="new-token">New token (copy it now)</label>
              <input id="new-token" readOnly value={create.data.token} onFocus={(event) => event.target.select()} />
              <Dialog.Close asChild>
                <button type="button">Done</button>
              </Dialog.Close>
            </div>
          ) : (
            <form className="stack" onSubmit={submit}>
              <label htmlFor="token-name">Token name</label>
              <input id="token-name" required value={name} onChange={(event) => setName(event.target.value)} />
              <label htmlFor="token-role">Role</label>
              <select id="token-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
                {roles.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
              <label className="checkbox">
                <input type="checkbox" checked={thisZoneOnly} onChange={(event) => setThisZoneOnly(event.target.checked)} />
                Only this zone
              </label>
              {create.isError && <ErrorText error={create.error} />}
              <FormDialogActions submitLabel="Create token" pending={create.isPending} />
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
