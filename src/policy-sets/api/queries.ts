import { queryOptions } from '@tanstack/react-query';
import {
  Activation,
  ActivationRequest,
  ActivationStatus,
  listOf,
  PolicySet,
  PolicySetVersion,
} from '../../../contract/index.ts';
import { request } from '../../api/client';
import { paths, withQuery } from '../../api/paths';
import { policyDetailSchema, policyListSchema, zoneSchema } from '../../api/schemas';

/** The one key factory of the policy-sets feature; every fetcher variable is in its key. */
export const setQueries = {
  all: (zoneId: string) => ['zones', zoneId, 'policy-sets'] as const,
  list: (zoneId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'list'] as const,
      queryFn: ({ signal }) => request('GET', withQuery(paths.policySets(zoneId), { limit: 500 }), listOf(PolicySet), { signal }),
    }),
  detail: (zoneId: string, setId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'detail', setId] as const,
      queryFn: ({ signal }) => request('GET', paths.policySet(zoneId, setId), PolicySet, { signal }),
    }),
  versions: (zoneId: string, setId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'detail', setId, 'versions'] as const,
      queryFn: ({ signal }) =>
        request('GET', withQuery(paths.policySetVersions(zoneId, setId), { limit: 500 }), listOf(PolicySetVersion), { signal }),
    }),
  version: (zoneId: string, setId: string, versionId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'detail', setId, 'version', versionId] as const,
      queryFn: ({ signal }) => request('GET', paths.policySetVersion(zoneId, setId, versionId), PolicySetVersion, { signal }),
      staleTime: Infinity, // set versions are immutable
    }),
  activations: (zoneId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'activations'] as const,
      queryFn: ({ signal }) => request('GET', withQuery(paths.activations(zoneId), { limit: 500 }), listOf(Activation), { signal }),
    }),
  requests: (zoneId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'activation-requests'] as const,
      queryFn: ({ signal }) =>
        request('GET', withQuery(paths.activationRequests(zoneId), { limit: 500 }), listOf(ActivationRequest), { signal }),
    }),
  status: (zoneId: string, setId: string, versionId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'detail', setId, 'status', versionId] as const,
      queryFn: ({ signal }) => request('GET', paths.activationStatus(zoneId, setId, versionId), ActivationStatus, { signal }),
    }),
  /** The zone (settings.require_activation_approval) — own key under this feature so activation refreshes it. */
  zone: (zoneId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'zone'] as const,
      queryFn: ({ signal }) => request('GET', paths.zone(zoneId), zoneSchema, { signal }),
    }),
  /** Policies of the zone, for the composer. */
  policies: (zoneId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'policies'] as const,
      queryFn: ({ signal }) => request('GET', withQuery(paths.policies(zoneId), { sort: 'name', limit: 500 }), policyListSchema, { signal }),
    }),
  policy: (zoneId: string, policyId: string) =>
    queryOptions({
      queryKey: [...setQueries.all(zoneId), 'policy', policyId] as const,
      queryFn: ({ signal }) => request('GET', paths.policy(zoneId, policyId), policyDetailSchema, { signal }),
    }),
};
