import type { QueryClient } from '@tanstack/react-query';
import { request } from '../../api/client';
import { isApiError } from '../../api/errors';
import { paths } from '../../api/paths';
import {
  createdPolicySchema,
  createdPolicyVersionSchema,
  formatSchema,
  invalidRegoBodySchema,
  testReportSchema,
  validateOkSchema,
  type RegoError,
} from '../../api/schemas';

export function createPolicy(zoneId: string, body: { name: string; description?: string; content: string }) {
  return request('POST', paths.policies(zoneId), createdPolicySchema, { body });
}

/**
 * Saves a new immutable version, then marks every cached copy of the zone's policies stale: the
 * Policies screen and the composer (Policy Sets) each cache them under their own keys, and a composer
 * opened right after saving must offer the new version.
 */
export async function createPolicyVersion(queryClient: QueryClient, zoneId: string, policyId: string, content: string) {
  const created = await request('POST', paths.policyVersions(zoneId, policyId), createdPolicyVersionSchema, { body: { content } });
  await queryClient.invalidateQueries({ queryKey: ['zones', zoneId] });
  return created;
}

export type Validation =
  | { valid: true; package: string | null; errors: []; warnings: RegoError[] }
  | { valid: false; package: null; errors: RegoError[]; warnings: [] };

/** The engine's verdict on some Rego; a 422 `invalid_rego` is an answer, not a failure. */
export async function validateRego(content: string, signal?: AbortSignal): Promise<Validation> {
  try {
    const ok = await request('POST', paths.validate(), validateOkSchema, { body: { content }, signal });
    return { valid: true, package: ok.package ?? null, errors: [], warnings: ok.warnings };
  } catch (error) {
    const errors = regoErrorsOf(error);
    if (errors) return { valid: false, package: null, errors, warnings: [] };
    throw error;
  }
}

/** `errors[]` of a 422 invalid_rego answer, or null when the error is something else. */
export function regoErrorsOf(error: unknown): RegoError[] | null {
  if (!isApiError(error) || error.status !== 422) return null;
  const parsed = invalidRegoBodySchema.safeParse(error.body);
  return parsed.success ? parsed.data.errors : null;
}

export function formatRego(content: string) {
  return request('POST', paths.format(), formatSchema, { body: { content } });
}

export function testRego(content: string) {
  return request('POST', paths.test(), testReportSchema, { body: { content } });
}
