import { z } from 'zod';
import { Description, ExplainLevel, Id, Name, PathId, Sha256, Timestamp } from './common.ts';
import { BundleError, DecisionResult, TraceEvent } from './decision.ts';

export const ActiveVersion = z.object({
  id: Id,
  version: z.number().int(),
  manifest_sha256: Sha256,
  activated_at: Timestamp,
  activated_by: z.string(),
});

export const PolicySet = z.object({
  id: Id,
  zone_id: Id,
  name: z.string(),
  description: z.string(),
  created_by: z.string(),
  created_at: Timestamp,
  updated_at: Timestamp,
  active_version_id: Id.nullable(),
  active_version: ActiveVersion.nullable(),
  version_count: z.number().int(),
  /** When this set last became the zone's active set; null when it never was. */
  last_activated_at: Timestamp.nullable(),
});
export type PolicySet = z.infer<typeof PolicySet>;

export const CreatePolicySetBody = z.strictObject({ name: Name, description: Description.optional() });
export type CreatePolicySetBody = z.infer<typeof CreatePolicySetBody>;

export const MAX_MANIFEST_ENTRIES = 256;
export const ManifestEntry = z.strictObject({ policy_version_id: PathId });
export const CreatePolicySetVersionBody = z.strictObject({
  manifest: z
    .array(ManifestEntry)
    .min(1, 'must name at least one policy version')
    .max(MAX_MANIFEST_ENTRIES, `must have at most ${MAX_MANIFEST_ENTRIES} entries`),
});
export type CreatePolicySetVersionBody = z.infer<typeof CreatePolicySetVersionBody>;

/** 200 of `POST .../versions/check`: the draft manifest compiles (nothing stored). */
export const ManifestCheck = z.object({ valid: z.literal(true), manifest_sha256: Sha256 });
export type ManifestCheck = z.infer<typeof ManifestCheck>;

export const CreatedPolicySetVersion = z.object({
  id: Id,
  version_id: Id,
  policy_set_id: Id,
  version: z.number().int(),
  manifest_sha256: Sha256,
  schema_version: z.string(),
  created_at: Timestamp,
});
export type CreatedPolicySetVersion = z.infer<typeof CreatedPolicySetVersion>;

export const PolicySetVersion = z.object({
  id: Id,
  policy_set_id: Id,
  version: z.number().int(),
  manifest_json: z.array(z.object({ policy_version_id: Id })).describe('The manifest in submission order'),
  manifest_sha256: Sha256,
  policies: z.array(
    z.object({ policy_version_id: Id, policy_id: Id, policy: z.string(), version: z.number().int() }),
  ),
  created_by: z.string(),
  created_at: Timestamp,
});
export type PolicySetVersion = z.infer<typeof PolicySetVersion>;

/** 422 body when a manifest's merged policies do not compile. */
export const InvalidPolicyBundle = z.object({
  error: z.literal('invalid_policy_bundle'),
  error_description: z.string(),
  request_id: z.string(),
  errors: z.array(BundleError),
});

export const SimulateBody = z.strictObject({
  version_id: PathId,
  input: z.unknown().optional(),
  explain: ExplainLevel.default('off'),
});
export type SimulateBody = z.input<typeof SimulateBody>;

export const SimulateResponse = z.object({
  dry_run: z.literal(true),
  would_activate: z.boolean(),
  policy_set_id: Id,
  version_id: Id,
  schema_version: z.string(),
  input_schema_version: z.string().nullable(),
  manifest_sha256: Sha256,
  policies: z.array(Id),
  warnings: z.array(z.string()),
  explanation: z.object({
    evaluation: z.enum(['executed', 'not_executed', 'failed']),
    reason: z.string(),
    decision: z.enum(['allow', 'deny']).optional(),
    policy_set_version_id: Id.optional(),
    manifest_sha256: Sha256.optional(),
    trace: z.array(TraceEvent).optional(),
    truncated: z.boolean().optional(),
    errors: z.array(BundleError).optional(),
  }),
  result: DecisionResult.nullable(),
  metrics: z.object({ eval_ms: z.number() }),
});
export type SimulateResponse = z.infer<typeof SimulateResponse>;

/** One stored simulation of a policy-set version: the evidence shown when activating or approving it. */
export const SimulationRun = z.object({
  id: Id,
  policy_set_id: Id,
  version_id: Id,
  ran_by: z.string(),
  ran_at: Timestamp,
  would_activate: z.boolean(),
  evaluation: z.enum(['executed', 'not_executed', 'failed']),
  decision: z.enum(['allow', 'deny']).nullable(),
  reason: z.string(),
  warnings: z.array(z.string()),
  input: z.unknown().nullable(),
  result: DecisionResult.nullable(),
});
export type SimulationRun = z.infer<typeof SimulationRun>;

export const SimulationRunsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const ActivateBody = z.strictObject({
  version_id: PathId,
  reason: Description.optional(),
  expected_active_version_id: PathId.nullable().optional(),
});
export type ActivateBody = z.infer<typeof ActivateBody>;

export const ActivateResponse = z.object({
  activated: z.literal(true),
  version_id: Id,
  outbox_id: Id,
  status_url: z.string(),
  activation_id: Id,
  previous_version_id: Id.nullable(),
});
export type ActivateResponse = z.infer<typeof ActivateResponse>;

export const ActivationStatusQuery = z.strictObject({ version_id: PathId.optional() });

export const ActivationStatus = z.object({
  zone_id: Id,
  policy_set_id: Id,
  version_id: Id.nullable(),
  active: z.boolean(),
  active_version_id: Id.nullable(),
  manifest_sha256: Sha256.nullable(),
  propagation_status: z.enum(['loaded', 'waiting_for_activation', 'failed']),
  engine: z.object({
    healthy: z.boolean(),
    loaded: z.boolean(),
    error: z.string().optional(),
  }),
});
export type ActivationStatus = z.infer<typeof ActivationStatus>;

export const ImpactBody = z.strictObject({
  limit: z.number().int().min(1).max(10_000).default(1000),
  since: z.iso.datetime({ offset: true }).optional(),
});

export const ImpactResponse = z.object({
  baseline_version_id: Id.nullable(),
  evaluated: z.number().int(),
  unchanged: z.number().int(),
  changed: z.object({ allow_to_deny: z.number().int(), deny_to_allow: z.number().int() }),
  examples: z.array(
    z.object({
      request_id: z.string(),
      before: z.enum(['allow', 'deny']),
      after: z.enum(['allow', 'deny']),
      determining_policies: z.array(z.unknown()),
    }),
  ),
});
export type ImpactResponse = z.infer<typeof ImpactResponse>;
