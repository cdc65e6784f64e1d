import { z } from 'zod';
import { Id, Name, Sha256, Timestamp } from './common.ts';

export const ZoneSettings = z.object({
  /** When true, activation needs an approved request from a reviewer who is not the requester. */
  require_activation_approval: z.boolean(),
});
export type ZoneSettings = z.infer<typeof ZoneSettings>;

export const ZoneActive = z.object({
  policy_set_id: Id,
  policy_set_version_id: Id,
  version: z.number().int(),
  manifest_sha256: Sha256,
});

export const Zone = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
  settings: ZoneSettings,
  active: ZoneActive.nullable(),
});
export type Zone = z.infer<typeof Zone>;

export const Slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'must be lowercase letters, digits and inner hyphens');

export const CreateZoneBody = z.strictObject({ name: Name, slug: Slug.optional() });
export type CreateZoneBody = z.infer<typeof CreateZoneBody>;

export const UpdateZoneBody = z.strictObject({
  name: Name.optional(),
  settings: z.strictObject({ require_activation_approval: z.boolean().optional() }).optional(),
});
export type UpdateZoneBody = z.infer<typeof UpdateZoneBody>;
