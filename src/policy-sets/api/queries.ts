import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Activation,
  ActivationRequest,
  ActivationStatus,
  AuditList,
  auditPaths,
  ExplainResponse,
  ImpactResponse,
  listOf,
  PolicySet,
  PolicySetVersion,
  SimulationRun,
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

/** The version's last recorded simulation (by anyone), the evidence the activation and review dialogs show. */
export const lastSimulationQuery = (zoneId: string, setId: string, versionId: string) =>
  queryOptions({
    queryKey: [...setQueries.all(zoneId), 'detail', setId, 'last-simulation', versionId] as const,
    queryFn: async ({ signal }) => {
      const r = await request('GET', withQuery(paths.simulations(zoneId, setId, versionId), { limit: 1 }), z.object({ items: z.array(SimulationRun) }), { signal });
      return r.items[0] ?? null;
    },
  });

/** The zone's most recent recorded decisions with the exact input each evaluated (simulation examples). */
export const recentInputsQuery = (zoneId: string) =>
  queryOptions({
    queryKey: [...setQueries.all(zoneId), 'recent-inputs'] as const,
    queryFn: async ({ signal }) => {
      const list = await request('GET', withQuery(auditPaths.list(zoneId), { limit: 20 }), AuditList, { signal });
      const requestIds = [...new Set(list.items.map((e) => e.request_id))].slice(0, 5);
      const explained = await Promise.all(
        requestIds.map((id) => request('GET', auditPaths.explain(zoneId, id), ExplainResponse, { signal })),
      );
      return explained
        .map((x) => ({ requestId: x.request_id, decision: x.final_decision, input: x.events[0]?.policy_input, at: x.events[0]?.occurred_at ?? '' }))
        .filter((x) => x.input !== undefined && x.input !== null);
    },
    staleTime: 30_000,
  });

/** Impact analysis of activating `versionId` (recorded decisions replayed); a POST without side effects. */
export const impactQuery = (zoneId: string, setId: string, versionId: string) =>
  queryOptions({
    queryKey: [...setQueries.all(zoneId), 'detail', setId, 'impact', versionId] as const,
    queryFn: () => request('POST', paths.impact(zoneId, setId, versionId), ImpactResponse, { body: { limit: 1000 } }),
    staleTime: 30_000,
  });
