import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useId, useState } from 'react';
import type { ActivationRequest, PolicySetVersion } from '../../../contract/index.ts';
import { CloseDialogActions } from '../../components/DialogActions';
import { ErrorText } from '../../components/ErrorPanel';
import { GuardedButton } from '../../components/GuardedButton';
import { approveRequest, rejectRequest } from '../api/mutations';
import { setQueries } from '../api/queries';
import { ActivationEvidence } from './ActivationEvidence';
import { FollowStatus } from './FollowStatus';

interface Props {
  zoneId: string;
  setId: string;
  request: ActivationRequest;
  target: PolicySetVersion;
  active: PolicySetVersion | null;
  /** Why this reviewer may not decide (own request, role), or null. */
  blockedReason: string | null;
  onClose: () => void;
}

/** A reviewer sees the same evidence as the requester and approves (which activates) or rejects with a comment. */
export function ReviewRequestDialog({ zoneId, setId, request, target, active, blockedReason, onClose }: Props) {
  const [comment, setComment] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const commentId = useId();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: (verdict: 'approve' | 'reject') =>
      verdict === 'approve' ? approveRequest(zoneId, request.id, comment.trim()).then(() => verdict) : rejectRequest(zoneId, request.id, comment.trim()).then(() => verdict),
    onSettled: () => queryClient.invalidateQueries({ queryKey: setQueries.all(zoneId) }),
  });
  const reject = () => {
    if (!comment.trim()) return setFormError('Say why you reject it: a comment is required.');
    setFormError(null);
    decide.mutate('reject');
  };
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog dialog-wide">
          <Dialog.Title>Review activation request for v{target.version}</Dialog.Title>
          <Dialog.Description>
            Requested by {request.requested_by}: “{request.reason}”. Approving activates the version at once.
          </Dialog.Description>
          <ActivationEvidence zoneId={zoneId} setId={setId} target={target} active={active} />
          {decide.isSuccess ? (
            <div className="stack">
              {decide.data === 'approve' ? (
                <FollowStatus zoneId={zoneId} setId={setId} versionId={target.id} versionNumber={target.version} />
              ) : (
                <p role="status">Request rejected; nothing was activated.</p>
              )}
              <CloseDialogActions />
            </div>
          ) : (
            <div className="stack">
              <label htmlFor={commentId}>Comment (required to reject)</label>
              <textarea id={commentId} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
              {formError && (
                <p className="error-text" role="alert">
                  {formError}
                </p>
              )}
              {decide.isError && <ErrorText error={decide.error} />}
              <div className="dialog-actions">
                <Dialog.Close asChild>
                  <button type="button">Cancel</button>
                </Dialog.Close>
                <GuardedButton blockedReason={blockedReason} onClick={reject} disabled={decide.isPending}>
                  Reject
                </GuardedButton>
                <GuardedButton blockedReason={blockedReason} className="primary" onClick={() => decide.mutate('approve')} disabled={decide.isPending}>
                  Approve and activate
                </GuardedButton>
              </div>
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
