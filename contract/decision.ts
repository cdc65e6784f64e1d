// The decision contract (../shared/design/decision-contract.md) as the API returns it.
import { z } from 'zod';
import { Location } from './common.ts';

export const DeterminingPolicy = z.object({
  policy: z.string(),
  policy_id: z.string(),
  policy_version_id: z.string(),
  version: z.number().int(),
  rule: z.enum(['allow', 'deny']),
  location: Location,
});
export type DeterminingPolicy = z.infer<typeof DeterminingPolicy>;

export const Diagnostic = z.object({
  reason: z.string(),
  message: z.string().optional(),
  policy: z.string().optional(),
  location: Location.optional(),
});

export const DecisionResult = z.object({
  decision: z.enum(['allow', 'deny']),
  evaluation_status: z.enum(['complete', 'error']),
  determining_policies: z.array(DeterminingPolicy),
  diagnostics: z.array(Diagnostic),
});
export type DecisionResult = z.infer<typeof DecisionResult>;

export const TraceEvent = z.object({
  op: z.enum(['enter', 'exit', 'eval', 'fail', 'redo', 'note', 'index']),
  query_id: z.number(),
  parent_id: z.number(),
  node: z.string(),
  location: z
    .object({ policy: z.string(), policy_version_id: z.string().optional(), row: z.number(), col: z.number() })
    .nullable(),
  locals: z.record(z.string(), z.unknown()).optional(),
  message: z.string().optional(),
});
export type TraceEvent = z.infer<typeof TraceEvent>;

/** A Rego compile error as the API reports it (validate, format, test). */
export const RegoError = z.object({
  row: z.number().int(),
  col: z.number().int(),
  code: z.string(),
  message: z.string(),
});
export type RegoError = z.infer<typeof RegoError>;

/** A compile error of a merged policy set: names the policy it came from. */
export const BundleError = RegoError.extend({
  policy: z.string(),
  policy_version_id: z.string().optional(),
});
export type BundleError = z.infer<typeof BundleError>;
