import type { BundleError } from '../../../contract/index.ts';
import { isApiError } from '../../api/errors';

export type ActivationProblem =
  | { kind: 'conflict'; sentence: string }
  | { kind: 'compile'; sentence: string; errors: BundleError[] }
  | { kind: 'approval'; sentence: string }
  | { kind: 'other'; sentence: string };

/** Puts an activation failure in words the reviewer can act on (409, 422, approval required). */
export function explainActivationError(error: unknown, errors: BundleError[] | null): ActivationProblem {
  if (!isApiError(error)) return { kind: 'other', sentence: error instanceof Error ? error.message : String(error) };
  if (error.code === 'approval_required')
    return {
      kind: 'approval',
      sentence: 'This zone requires an approved activation request: request activation instead, and another reviewer approves it.',
    };
  if (error.status === 409 && error.code === 'active_version_changed')
    return {
      kind: 'conflict',
      sentence:
        'Someone else activated a version of this set while you were reviewing, so nothing was changed. Look at what is active now before trying again.',
    };
  if (error.status === 422 && errors)
    return {
      kind: 'compile',
      sentence: `This version does not compile, so it cannot be activated. ${errors
        .slice(0, 3)
        .map((e) => `Policy "${e.policy}" line ${e.row}: ${e.message}`)
        .join('; ')}.`,
      errors,
    };
  return { kind: 'other', sentence: error.description };
}
