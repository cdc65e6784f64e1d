import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';

/** A form dialog's footer: Cancel closes the dialog, the primary button submits the form (disabled while sending). */
export function FormDialogActions({ submitLabel, pending }: { submitLabel: ReactNode; pending: boolean }) {
  return (
    <div className="dialog-actions">
      <Dialog.Close asChild>
        <button type="button">Cancel</button>
      </Dialog.Close>
      <button type="submit" className="primary" disabled={pending}>
        {submitLabel}
      </button>
    </div>
  );
}

/** The footer once a dialog's work is done: one button that closes it. */
export function CloseDialogActions({ label = 'Close' }: { label?: string }) {
  return (
    <div className="dialog-actions">
      <Dialog.Close asChild>
        <button type="button">{label}</button>
      </Dialog.Close>
    </div>
  );
}
