import { z } from 'zod';
import { Description, Id, PathId, Timestamp } from './common.ts';

export const Activation = z.object({
  id: Id,
  policy_set_id: Id,
  from_version_id: Id.nullable(),
  to_version_id: Id,
  actor: z.string(),
  reason: z.string(),
  approved_by: z.string().nullable().optional(),
  request_id: z.string().nullable().optional(),
  occurred_at: Timestamp,
});
export type Activation = z.infer<typeof Activation>;

export const ActivationRequestStatus = z.enum(['pending', 'approved', 'rejected']);

export const ActivationRequest = z.object({
  id: Id,
  zone_id: Id,
  policy_set_id: Id,
  version_id: Id,
  reason: z.string(),
  status: ActivationRequestStatus,
  requested_by: z.string(),
  requested_at: Timestamp,
  decided_by: z.string().nullable(),
  decided_at: Timestamp.nullable(),
  comment: z.string().nullable(),
  activation_id: Id.nullable(),
});
export type ActivationRequest = z.infer<typeof ActivationRequest>;

export const CreateActivationRequestBody = z.strictObject({
  version_id: PathId,
  reason: Description.pipe(z.string().min(1, 'must not be empty')),
});
export type CreateActivationRequestBody = z.infer<typeof CreateActivationRequestBody>;

export const ApproveBody = z.strictObject({ comment: Description.optional() });
export const RejectBody = z.strictObject({ comment: Description.pipe(z.string().min(1, 'must not be empty')) });

/** Approving also activates the requested version (the approval is the activation), in one transaction. */
export const ApproveResponse = z.object({
  request: ActivationRequest,
  activation_id: Id,
  previous_version_id: Id.nullable(),
  status_url: z.string(),
});
