import { z } from 'zod';
import { Description, Id, ListQuery, Name, PolicyContent, Sha256, Timestamp } from './common.ts';
import { RegoError } from './decision.ts';

export const PolicySort = z.enum(['name', '-name', 'updated_at', '-updated_at', 'created_at', '-created_at']);

export const ListPoliciesQuery = ListQuery.extend({
  q: z.string().max(200).optional().describe('Case-insensitive substring of the name'),
  sort: PolicySort.default('-created_at'),
});
export type ListPoliciesQuery = z.infer<typeof ListPoliciesQuery>;

export const PolicySummary = z.object({
  id: Id,
  zone_id: Id,
  name: z.string(),
  description: z.string(),
  created_by: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
  latest_version: z.number().int(),
  in_active_set: z.boolean(),
});
export type PolicySummary = z.infer<typeof PolicySummary>;

export const PolicyVersion = z.object({
  id: Id,
  policy_id: Id,
  version: z.number().int(),
  content: z.string(),
  content_sha256: Sha256,
  schema_version: z.string(),
  created_by: z.string(),
  created_at: Timestamp,
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;

export const PolicyDetail = PolicySummary.extend({ versions: z.array(PolicyVersion) });
export type PolicyDetail = z.infer<typeof PolicyDetail>;

export const CreatePolicyBody = z.strictObject({
  name: Name,
  description: Description.optional(),
  content: PolicyContent,
});
export type CreatePolicyBody = z.infer<typeof CreatePolicyBody>;

export const CreatedPolicy = z.object({
  id: Id,
  version_id: Id,
  zone_id: Id,
  name: z.string(),
  description: z.string(),
  version: z.object({
    id: Id,
    policy_id: Id,
    version: z.number().int(),
    content_sha256: Sha256,
    schema_version: z.string(),
    created_at: Timestamp,
  }),
});
export type CreatedPolicy = z.infer<typeof CreatedPolicy>;

export const CreatePolicyVersionBody = z.strictObject({ content: PolicyContent });
export type CreatePolicyVersionBody = z.infer<typeof CreatePolicyVersionBody>;

export const CreatedPolicyVersion = z.object({
  id: Id,
  version_id: Id,
  policy_id: Id,
  version: z.number().int(),
  content_sha256: Sha256,
  schema_version: z.string(),
  created_at: Timestamp,
});
export type CreatedPolicyVersion = z.infer<typeof CreatedPolicyVersion>;

export const PolicyUsage = z.object({
  items: z.array(
    z.object({
      policy_version_id: Id,
      policy_set_id: Id,
      policy_set_name: z.string(),
      policy_set_version_id: Id,
      policy_set_version: z.number().int(),
      active: z.boolean(),
    }),
  ),
});
export type PolicyUsage = z.infer<typeof PolicyUsage>;

export const ValidateBody = z.strictObject({ content: PolicyContent });
export type ValidateBody = z.infer<typeof ValidateBody>;

export const ValidateOk = z.object({
  valid: z.literal(true),
  package: z.string(),
  rules: z.array(z.string()),
  warnings: z.array(RegoError).describe('Strict-mode findings that do not stop compilation'),
});
export type ValidateOk = z.infer<typeof ValidateOk>;

/** 422 body of validate, create policy, new version, format and test when the Rego does not compile. */
export const InvalidRego = z.object({
  valid: z.literal(false).optional(),
  error: z.literal('invalid_rego'),
  error_description: z.string(),
  request_id: z.string(),
  errors: z.array(RegoError),
});
export type InvalidRego = z.infer<typeof InvalidRego>;
