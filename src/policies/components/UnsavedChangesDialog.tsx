import type { Blocker } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export function UnsavedChangesDialog({ blocker }: { blocker: Blocker }) {
  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title="Leave without saving?"
      description="This policy has changes that are not saved as a version. If you leave, they are lost."
      confirmLabel="Leave and discard changes"
      cancelLabel="Stay on this page"
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    />
  );
}
