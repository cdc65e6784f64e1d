// Shapes shared by every resource: ids, timestamps, lists, the one error body.
import { z } from 'zod';

/** Path ids: what the server generates (UUIDv7) plus slugs; anything else is refused with 400 invalid_params. */
export const PATH_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
export const PathId = z.string().regex(PATH_ID_PATTERN, 'must be 1-128 letters, digits, or _ . : -');

export const Id = z.string().describe('Server-generated UUIDv7');
export const Timestamp = z.string().describe('RFC 3339 UTC with milliseconds');
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** The decision-contract input schema version this build speaks. */
export const SCHEMA_VERSION = '2026-05-20';

const BIDI_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

/**
 * A human-chosen name: trimmed, well-formed Unicode, no control, zero-width or bidi-override characters,
 * stored in NFC so that "é" typed two ways is one name (uniqueness is per zone).
 */
export const Name = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((s) => s.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)')
  .overwrite((s) => s.normalize('NFC'))
  .refine((s) => s.trim() === s, 'must not start or end with spaces')
  .refine((s) => !BIDI_OR_CONTROL.test(s), 'must not contain control, zero-width or bidi-override characters');

export const Description = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .refine((s) => s.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)');

/** Rego source as authors write it; the engine enforces the same limit. */
export const MAX_POLICY_CONTENT = 262_144;
export const PolicyContent = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_POLICY_CONTENT, `must be at most ${MAX_POLICY_CONTENT} characters`)
  .refine((s) => s.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)');

export const Role = z.enum(['admin', 'author', 'reviewer', 'auditor']);
export type Role = z.infer<typeof Role>;

export const ExplainLevel = z.enum(['off', 'notes', 'fails', 'full']);
export type ExplainLevel = z.infer<typeof ExplainLevel>;

/** `?limit=&cursor=` on every list; keyset pagination with an opaque cursor. */
export const ListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(512).optional(),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

export const Location = z.object({ row: z.number().int(), col: z.number().int() });

/** One error body everywhere. Extra fields (e.g. `errors`, `valid`) ride along for some codes. */
export const ErrorBody = z.looseObject({
  error: z.string(),
  error_description: z.string(),
  request_id: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const ErrorCodes = {
  invalidAdminToken: 'invalid_admin_token',
  invalidLogin: 'invalid_login',
  csrfHeaderMissing: 'csrf_header_missing',
  forbidden: 'forbidden',
  invalidJson: 'invalid_json',
  invalidBody: 'invalid_body',
  invalidQuery: 'invalid_query',
  invalidParams: 'invalid_params',
  unsupportedMediaType: 'unsupported_media_type',
  bodyTooLarge: 'body_too_large',
  notFound: 'not_found',
  zoneNotFound: 'zone_not_found',
  zoneSlugConflict: 'zone_slug_conflict',
  policyNotFound: 'policy_not_found',
  policyVersionNotFound: 'policy_version_not_found',
  policyNameConflict: 'policy_name_conflict',
  policyInActiveSet: 'policy_in_active_set',
  policySetNotFound: 'policy_set_not_found',
  policySetVersionNotFound: 'policy_set_version_not_found',
  policySetNameConflict: 'policy_set_name_conflict',
  invalidRego: 'invalid_rego',
  invalidPolicyBundle: 'invalid_policy_bundle',
  invalidManifest: 'invalid_manifest',
  activeVersionChanged: 'active_version_changed',
  approvalRequired: 'approval_required',
  activationRequestNotFound: 'activation_request_not_found',
  activationRequestNotPending: 'activation_request_not_pending',
  adminTokenNotFound: 'admin_token_not_found',
  engineUnavailable: 'engine_unavailable',
  internalError: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
