import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { FormDialogActions } from '../../components/DialogActions';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { createSet } from '../api/mutations';
import { setQueries } from '../api/queries';

export function CreateSetDialog({ zoneId, blockedReason }: { zoneId: string; blockedReason: string | null }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => createSet(zoneId, { name: name.trim(), description: description.trim() || undefined }),
    onSuccess: async (set) => {
      await queryClient.invalidateQueries({ queryKey: setQueries.all(zoneId) });
      setOpen(false);
      navigate(`/zones/${encodeURIComponent(zoneId)}/policy-sets/${encodeURIComponent(set.id)}/compose`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate();
  };
  if (blockedReason) return <GuardedButton blockedReason={blockedReason}>New policy set</GuardedButton>;
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) create.reset();
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className="primary">
          New policy set
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>New policy set</Dialog.Title>
          <Dialog.Description>A set bundles policy versions; you compose its first version next.</Dialog.Description>
          <form className="stack" onSubmit={submit}>
            <label htmlFor="set-name">Set name</label>
            <input id="set-name" required value={name} onChange={(e) => setName(e.target.value)} />
            <label htmlFor="set-description">Description (optional)</label>
            <input id="set-description" value={description} onChange={(e) => setDescription(e.target.value)} />
            {create.isError && <ErrorText error={create.error} />}
            <FormDialogActions submitLabel="Create set" pending={create.isPending} />
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
