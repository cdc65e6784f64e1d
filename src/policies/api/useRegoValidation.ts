import { useEffect, useRef, useState } from 'react';
import type { RegoError } from '../../api/schemas';
import { createLatestValidator, type LatestValidator } from './latestValidator';
import { validateRego, type Validation } from './mutations';

export type ValidationState =
  | { status: 'checking'; errors: readonly RegoError[]; warnings: readonly RegoError[] }
  | { status: 'valid'; errors: readonly RegoError[]; warnings: readonly RegoError[]; package: string | null }
  | { status: 'invalid'; errors: readonly RegoError[]; warnings: readonly RegoError[] }
  | { status: 'failed'; errors: readonly RegoError[]; warnings: readonly RegoError[]; error: unknown };

/**
 * Asks the engine about `text` once typing has paused for `delayMs`; stale answers are dropped
 * (see latestValidator). Markers of the previous answer stay visible while the next is pending.
 */
export function useRegoValidation(text: string, delayMs = 300): ValidationState {
  const [state, setState] = useState<ValidationState>({ status: 'checking', errors: [], warnings: [] });
  const validator = useRef<LatestValidator<Validation> | null>(null);

  useEffect(() => {
    const created = createLatestValidator<Validation>({
      delayMs,
      validate: validateRego,
      onStart: () => setState((prev) => (prev.status === 'checking' ? prev : { status: 'checking', errors: prev.errors, warnings: prev.warnings })),
      onResult: (result) =>
        setState(
          result.valid
            ? { status: 'valid', errors: [], warnings: result.warnings, package: result.package }
            : { status: 'invalid', errors: result.errors, warnings: [] },
        ),
      onError: (error) => setState((prev) => ({ status: 'failed', errors: prev.errors, warnings: prev.warnings, error })),
    });
    validator.current = created;
    return () => created.dispose();
  }, [delayMs]);

  useEffect(() => {
    validator.current?.submit(text);
  }, [text]);

  return state;
}
