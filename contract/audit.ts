// Decision audit: one event per STS request, hash-chained per zone, with the exact input evaluated.
import { z } from 'zod';
import { ExplainLevel, Id, Timestamp } from './common.ts';
import { TraceEvent } from './decision.ts';

export const AuditEventType = z.enum(['token_exchange', 'token_request_rejected']);

export const AuditEvent = z.object({
  id: Id,
  zone_id: Id,
  event_type: z.string(),
  request_id: z.string(),
  decision: z.enum(['allow', 'deny']),
  policy_set_id: Id.nullable(),
  policy_set_version_id: Id.nullable(),
  manifest_sha: z.string().nullable(),
  evaluation_status: z.string().describe('complete | error | not_evaluated'),
  determining_policies_json: z.array(z.record(z.string(), z.unknown())),
  diagnostics_json: z.array(z.record(z.string(), z.unknown())),
  metadata_json: z.record(z.string(), z.unknown()).describe('application_id, application_name, client_id, resource, scopes, grant_type, latency_ms…'),
  occurred_at: Timestamp,
  ingested_at: Timestamp,
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const IsoTime = z.iso.datetime({ offset: true, message: 'must be an RFC 3339 timestamp' });

/** The filters every read of decisions shares: the list, its export and the histogram. */
export const AuditFilterQuery = z.strictObject({
  since: IsoTime.optional(),
  until: IsoTime.optional(),
  request_id: z.string().max(128).optional(),
  decision: z.enum(['allow', 'deny']).optional(),
  event_type: z.string().max(64).optional(),
  application_id: z.string().max(128).optional(),
  resource: z.string().max(512).optional(),
  policy_set_version_id: z.string().max(128).optional(),
  policy: z.string().max(200).optional().describe('Name of a determining policy'),
});
export type AuditFilterQuery = z.infer<typeof AuditFilterQuery>;

export const AuditListQuery = AuditFilterQuery.extend({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'csv', 'ndjson']).default('json'),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const HISTOGRAM_MAX_BUCKETS = 200;

export const AuditHistogramQuery = AuditFilterQuery.extend({
  buckets: z.coerce
    .number({ message: 'must be a whole number from 1 to 200' })
    .int('must be a whole number from 1 to 200')
    .min(1, 'must be a whole number from 1 to 200')
    .max(HISTOGRAM_MAX_BUCKETS, 'must be a whole number from 1 to 200')
    .default(32),
}).refine((q) => !q.since || !q.until || Date.parse(q.since) <= Date.parse(q.until), {
  message: 'must not be earlier than since',
  path: ['until'],
});
export type AuditHistogramQuery = z.infer<typeof AuditHistogramQuery>;

export const AuditHistogramBucket = z.object({ start: Timestamp, allow: z.number().int(), deny: z.number().int() });

export const AuditHistogram = z
  .object({
    since: Timestamp.nullable().describe('The window: the query\'s since, else the oldest matching event; null when nothing matches'),
    until: Timestamp.nullable().describe('The query\'s until, else the newest matching event; null when nothing matches'),
    bucket_ms: z.number().int().describe('Width of each bucket; the last one also holds events at exactly until'),
    buckets: z.array(AuditHistogramBucket).describe('Oldest first, empty buckets included; none when the window is unknown'),
    allow: z.number().int(),
    deny: z.number().int(),
  })
  .describe('Allows and denies of every matching decision, counted per time bucket');
export type AuditHistogram = z.infer<typeof AuditHistogram>;

export const AuditList = z.object({ items: z.array(AuditEvent), next_cursor: z.string().nullable() });

export const ExplainQuery = z.strictObject({ trace: ExplainLevel.exclude(['off']).optional() });

export const ExplainDenied = z.object({
  event_id: Id,
  event_type: z.string(),
  evaluation_status: z.string(),
  determining_policies: z.array(z.record(z.string(), z.unknown())),
  diagnostics: z.array(z.record(z.string(), z.unknown())),
  metadata: z.record(z.string(), z.unknown()),
  policy_input: z.unknown(),
});

export const ExplainResponse = z.object({
  request_id: z.string(),
  zone_id: Id,
  final_decision: z.enum(['allow', 'deny']),
  denied: z.array(ExplainDenied),
  events: z.array(AuditEvent.extend({ policy_input: z.unknown() })),
  trace: z
    .object({
      level: ExplainLevel,
      policy_set_version_id: Id,
      manifest_sha256: z.string(),
      result: z.unknown(),
      events: z.array(TraceEvent),
      truncated: z.boolean(),
    })
    .optional(),
});
export type ExplainResponse = z.infer<typeof ExplainResponse>;

export const ChainVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  first_bad_event_id: Id.nullable().optional(),
  reason: z.string().optional(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

const e = encodeURIComponent;
/** URL builders for the audit routes (the console and tests never build these by hand). */
export const auditPaths = {
  list: (zoneId: string) => `/v1/zones/${e(zoneId)}/audit`,
  histogram: (zoneId: string) => `/v1/zones/${e(zoneId)}/audit/decisions/histogram`,
  byRequest: (zoneId: string, requestId: string) => `/v1/zones/${e(zoneId)}/audit/by-request/${e(requestId)}`,
  explain: (zoneId: string, requestId: string) => `/v1/zones/${e(zoneId)}/audit/by-request/${e(requestId)}/explain`,
  stream: (zoneId: string) => `/v1/zones/${e(zoneId)}/audit/stream`,
  verify: (zoneId: string) => `/v1/zones/${e(zoneId)}/audit/verify`,
} as const;
