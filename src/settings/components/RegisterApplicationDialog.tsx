import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { CloseDialogActions, FormDialogActions } from '../../components/DialogActions';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { applicationQueries, createApplication } from '../api/applications';
import { CopyButton } from '../../components/CopyButton';
import { LabelsField, useLabelsField } from './LabelsField';

/** Registers an STS client; the only place its secret is ever shown. */
export function RegisterApplicationDialog({ zoneId, blockedReason }: { zoneId: string; blockedReason: string | null }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const labels = useLabelsField([]);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: { name: string; labels: string[] }) => createApplication(zoneId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationQueries.all(zoneId) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = labels.commit();
    if (name.trim() && chosen) create.mutate({ name: name.trim(), labels: chosen });
  };
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      create.reset();
      setName('');
      labels.reset([]);
    }
  };

  if (blockedReason) return <GuardedButton blockedReason={blockedReason}>Register application</GuardedButton>;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <button type="button">Register application</button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>Register application</Dialog.Title>
          <Dialog.Description>
            An application asks the STS for tokens with its client id and secret. The secret is shown once.
          </Dialog.Description>
          {create.isSuccess ? (
            <div className="stack">
              <p className="secret-warning">
                <strong>You will not see this secret again.</strong> Copy it now into the configuration of {create.data.name}; if it
                is lost, disable this application and register a new one.
              </p>
              <label htmlFor="new-client-id">Client id</label>
              <div className="copy-field">
                <input id="new-client-id" readOnly autoFocus value={create.data.client_id} onFocus={(event) => event.target.select()} />
                <CopyButton text={create.data.client_id} label="Copy client id" />
              </div>
              <label htmlFor="new-client-secret">Client secret (shown once)</label>
              <div className="copy-field">
                <input id="new-client-secret" readOnly value={create.data.client_secret} onFocus={(event) => event.target.select()} />
                <CopyButton text={create.data.client_secret} label="Copy client secret" />
              </div>
              <CloseDialogActions label="Done" />
            </div>
          ) : (
            <form className="stack" onSubmit={submit}>
              <label htmlFor="application-name">Application name</label>
              <input id="application-name" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
              <LabelsField field={labels} id="application-labels" />
              {create.isError && <ErrorText error={create.error} />}
              <FormDialogActions submitLabel="Register" pending={create.isPending} />
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
