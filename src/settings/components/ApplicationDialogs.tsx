import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AlertDialog, Dialog } from 'radix-ui';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { FormDialogActions } from '../../components/DialogActions';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { applicationQueries, disableApplication, updateApplicationLabels, type Application } from '../api/applications';
import { LabelsField, useLabelsField } from './LabelsField';

interface RowActionProps {
  zoneId: string;
  app: Application;
  blockedReason: string | null;
}

/** Replaces an application's labels (the API replaces the whole list). */
export function EditLabelsDialog({ zoneId, app, blockedReason }: RowActionProps) {
  const [open, setOpen] = useState(false);
  const labels = useLabelsField(app.labels);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (next: string[]) => updateApplicationLabels(zoneId, app.id, next),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: applicationQueries.all(zoneId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = labels.commit();
    if (chosen) save.mutate(chosen);
  };
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (next) labels.reset(app.labels);
    else save.reset();
  };

  const trigger = `Change labels of ${app.name}`;
  if (blockedReason) return <GuardedButton blockedReason={blockedReason} aria-label={trigger}>Change labels</GuardedButton>;
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <button type="button" aria-label={trigger}>
          Change labels
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>Labels of {app.name}</Dialog.Title>
          <Dialog.Description>The new list replaces the old one; the next exchange by this application sees it.</Dialog.Description>
          <form className="stack" onSubmit={submit}>
            <LabelsField field={labels} id={`labels-${app.id}`} />
            {save.isError && <ErrorText error={save.error} />}
            <FormDialogActions submitLabel="Save labels" pending={save.isPending} />
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/**
 * Disables an application after a confirmation. The dialog stays open until the API answers, so a
 * refusal shows in place; on success focus moves to `focusAfter` because this button goes away.
 */
export function DisableApplicationDialog({ zoneId, app, blockedReason, focusAfter }: RowActionProps & { focusAfter: RefObject<HTMLElement | null> }) {
  const [open, setOpen] = useState(false);
  const done = useRef(false);
  const queryClient = useQueryClient();
  const disable = useMutation({
    mutationFn: () => disableApplication(zoneId, app.id),
    onSuccess: async () => {
      done.current = true;
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: applicationQueries.all(zoneId) });
    },
  });
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) disable.reset();
  };

  const trigger = `Disable ${app.name}`;
  if (blockedReason) return <GuardedButton blockedReason={blockedReason} aria-label={trigger} className="danger">Disable</GuardedButton>;
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Trigger asChild>
        <button type="button" className="danger" aria-label={trigger}>
          Disable
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content
          className="dialog"
          onCloseAutoFocus={(event) => {
            if (!done.current) return;
            event.preventDefault();
            focusAfter.current?.focus();
          }}
        >
          <AlertDialog.Title>Disable {app.name}?</AlertDialog.Title>
          <AlertDialog.Description>
            From now on the STS refuses every token request and exchange by this application (its client id and secret stop
            working at once). Its past decisions stay in the audit. This cannot be undone.
          </AlertDialog.Description>
          {disable.isError && <ErrorText error={disable.error} />}
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button">Cancel</button>
            </AlertDialog.Cancel>
            <button type="button" className="danger" disabled={disable.isPending} onClick={() => disable.mutate()}>
              Disable application
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
