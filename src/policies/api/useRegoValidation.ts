import { useEffect, useState } from 'react';
import type { RegoError } from '../../api/schemas';
import { validateRego } from './mutations';

export type ValidationState =
  | { status: 'checking'; errors: readonly RegoError[] }
  | { status: 'valid'; errors: readonly RegoError[]; package: string | null }
  | { status: 'invalid'; errors: readonly RegoError[] }
  | { status: 'failed'; errors: readonly RegoError[]; error: unknown };

/**
 * Asks the engine about `text` once typing has paused for `delayMs`. A newer text aborts the
 * request in flight and its answer is dropped, so a slow stale answer can never overwrite a newer one.
 * Markers of the previous answer stay visible while the next one is pending.
 */
export function useRegoValidation(text: string, delayMs = 300): ValidationState {
  const [state, setState] = useState<ValidationState>({ status: 'checking', errors: [] });

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.status === 'checking' ? previous : { status: 'checking', errors: previous.errors }));
    const timer = setTimeout(() => {
      validateRego(text, controller.signal).then(
        (result) => {
          if (controller.signal.aborted) return;
          setState(result.valid ? { status: 'valid', errors: [], package: result.package } : { status: 'invalid', errors: result.errors });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState((previous) => ({ status: 'failed', errors: previous.errors, error }));
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, delayMs]);

  return state;
}
