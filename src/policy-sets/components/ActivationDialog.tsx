import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useId, useState, type FormEvent } from 'react';
import type { PolicySet, PolicySetVersion } from '../../../contract/index.ts';
import { CloseDialogActions, FormDialogActions } from '../../components/DialogActions';
import { formatTime, shortHash } from '../../components/format';
import { activate, bundleErrorsOf, requestActivation } from '../api/mutations';
import { setQueries } from '../api/queries';
import { explainActivationError } from '../logic/activationErrors';
import { ActivationEvidence } from './ActivationEvidence';
import { FollowStatus } from './FollowStatus';

interface Props {
  zoneId: string;
  set: PolicySet;
  target: PolicySetVersion;
  /** The version active when the dialog opened (what the reviewer compared against). */
  active: PolicySetVersion | null;
  requiresApproval: boolean;
  /** "rollback" only changes the wording; the request is the same activation of an older version. */
  mode?: 'activate' | 'rollback';
  onClose: () => void;
}

/** The one confirmation dialog for activate, rollback and request activation. Radix traps focus; Escape cancels. */
export function ActivationDialog({ zoneId, set, target, active, requiresApproval, mode = 'activate', onClose }: Props) {
  const [reason, setReason] = useState(mode === 'rollback' ? `Roll back to v${target.version}` : '');
  const [typed, setTyped] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const ids = { reason: useId(), confirm: useId() };
  const queryClient = useQueryClient();
  const verb = requiresApproval ? 'Request activation of' : mode === 'rollback' ? 'Roll back to' : 'Activate';

  // The active pointer is per zone: when this set has nothing active, another set's version may hold
  // it. The server checks the expectation against the zone's pointer, so name that version.
  const zoneSets = useQuery(setQueries.list(zoneId));
  const replaced = active ? null : (zoneSets.data?.items.find((s) => s.id !== set.id && s.active_version) ?? null);
  const expectedActive = async () =>
    active?.id ??
    (zoneSets.data ?? (await queryClient.fetchQuery(setQueries.list(zoneId)))).items.find((s) => s.active_version_id)?.active_version_id ??
    null;

  const submit = useMutation({
    mutationFn: async () =>
      requiresApproval
        ? requestActivation(zoneId, set.id, { version_id: target.id, reason: reason.trim() }).then(() => 'requested' as const)
        : activate(zoneId, set.id, { version_id: target.id, reason: reason.trim(), expected_active_version_id: await expectedActive() }).then(
            () => 'activated' as const,
          ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: setQueries.all(zoneId) }),
  });
  const problem = submit.isError ? explainActivationError(submit.error, bundleErrorsOf(submit.error)) : null;
  // After a 409, show what is active now (fresh from the server).
  const now = useQuery({ ...setQueries.detail(zoneId, set.id), enabled: problem?.kind === 'conflict' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setFormError('Give a reason: it is recorded with the activation.');
    if (typed.trim() !== set.name) return setFormError(`Type the set name "${set.name}" exactly to confirm.`);
    setFormError(null);
    submit.mutate();
  };

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-wide">
          <Dialog.Title>
            {verb} {set.name} v{target.version}
          </Dialog.Title>
          <Dialog.Description>
            {requiresApproval
              ? 'This zone requires four-eyes approval: your request goes to a reviewer who is not you.'
              : 'The STS starts evaluating this version as soon as the engine has loaded it.'}
          </Dialog.Description>
          {replaced?.active_version && (
            <p>
              <strong>
                This replaces {replaced.name} v{replaced.active_version.version}
              </strong>
              , the zone's active set now: the STS evaluates one policy-set version per zone.
            </p>
          )}
          <ActivationEvidence zoneId={zoneId} setId={set.id} target={target} active={active} />
          {submit.isSuccess ? (
            <div className="stack">
              {submit.data === 'requested' ? (
                <p role="status" className="ok-text">
                  Activation requested. A reviewer other than you must approve it before v{target.version} goes live.
                </p>
              ) : (
                <FollowStatus zoneId={zoneId} setId={set.id} versionId={target.id} versionNumber={target.version} />
              )}
              <CloseDialogActions />
            </div>
          ) : (
            <form className="stack" onSubmit={onSubmit} noValidate>
              <label htmlFor={ids.reason}>Reason (recorded with the activation)</label>
              <textarea id={ids.reason} required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              <label htmlFor={ids.confirm}>Type the set name ({set.name}) to confirm</label>
              <input id={ids.confirm} required autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
              {formError && (
                <p className="error-text" role="alert">
                  {formError}
                </p>
              )}
              {problem && (
                <div role="alert" className="error-panel">
                  <p className="error-text">{problem.sentence}</p>
                  {problem.kind === 'conflict' && now.data && (
                    <p>
                      Active now:{' '}
                      {now.data.active_version
                        ? `v${now.data.active_version.version} (${shortHash(now.data.active_version.manifest_sha256)}), activated by ${now.data.active_version.activated_by} at ${formatTime(now.data.active_version.activated_at)}.`
                        : 'nothing.'}
                    </p>
                  )}
                  {problem.kind === 'compile' && (
                    <ul>
                      {problem.errors.map((e, i) => (
                        <li key={i}>
                          Policy "{e.policy}" line {e.row}, column {e.col}: {e.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              )}
              <FormDialogActions submitLabel={`${verb} v${target.version}`} pending={submit.isPending} />
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
