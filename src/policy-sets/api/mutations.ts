import { z } from 'zod';
import {
  ActivateResponse,
  ActivationRequest,
  ApproveResponse,
  CreatedPolicySetVersion,
  ImpactResponse,
  InvalidPolicyBundle,
  ManifestCheck,
  PolicySet,
  SimulateResponse,
  type BundleError,
  type ExplainLevel,
} from '../../../contract/index.ts';
import { request } from '../../api/client';
import { isApiError } from '../../api/errors';
import { paths } from '../../api/paths';

export function createSet(zoneId: string, body: { name: string; description?: string }) {
  return request('POST', paths.policySets(zoneId), PolicySet, { body });
}

export function createSetVersion(zoneId: string, setId: string, policyVersionIds: string[]) {
  return request('POST', paths.policySetVersions(zoneId, setId), CreatedPolicySetVersion, {
    body: { manifest: policyVersionIds.map((id) => ({ policy_version_id: id })) },
  });
}

/** `errors[]` of a 422 invalid_policy_bundle (policy, row, col), or null for any other error. */
export function bundleErrorsOf(error: unknown): BundleError[] | null {
  if (!isApiError(error) || error.status !== 422) return null;
  const parsed = InvalidPolicyBundle.safeParse(error.body);
  return parsed.success ? parsed.data.errors : null;
}

export function simulate(zoneId: string, setId: string, body: { version_id: string; input?: unknown; explain?: ExplainLevel }) {
  return request('POST', paths.simulate(zoneId, setId), SimulateResponse, { body });
}

export function activate(zoneId: string, setId: string, body: { version_id: string; reason: string; expected_active_version_id: string | null }) {
  return request('POST', paths.activate(zoneId, setId), ActivateResponse, { body });
}

export function requestActivation(zoneId: string, setId: string, body: { version_id: string; reason: string }) {
  return request('POST', paths.activationRequestsOfSet(zoneId, setId), ActivationRequest, { body });
}

export function approveRequest(zoneId: string, requestId: string, comment: string) {
  return request('POST', paths.approve(zoneId, requestId), ApproveResponse, { body: comment ? { comment } : {} });
}

export function rejectRequest(zoneId: string, requestId: string, comment: string) {
  return request('POST', paths.reject(zoneId, requestId), ActivationRequest, { body: { comment } });
}

export function impact(zoneId: string, setId: string, versionId: string) {
  return request('POST', paths.impact(zoneId, setId, versionId), ImpactResponse, { body: { limit: 1000 } });
}

export type Impact = z.infer<typeof ImpactResponse>;

/** Compiles a draft manifest without storing it: 200 or 422 invalid_policy_bundle (read with bundleErrorsOf). */
export function checkManifest(zoneId: string, setId: string, policyVersionIds: string[], signal?: AbortSignal) {
  return request('POST', paths.policySetVersionCheck(zoneId, setId), ManifestCheck, {
    body: { manifest: policyVersionIds.map((id) => ({ policy_version_id: id })) },
    signal,
  });
}
