import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { AdminAuditEntry } from '../../../contract/admin-audit.ts';
import { Application } from '../../../contract/applications.ts';
import { auditPaths, AuditEvent, AuditHistogram, AuditList, ChainVerification, ExplainResponse } from '../../../contract/audit.ts';
import { listOf } from '../../../contract/common.ts';
import { PolicyVersion } from '../../../contract/policies.ts';
import { PolicySet, PolicySetVersion } from '../../../contract/policy-sets.ts';
import { applicationPaths } from '../../../contract/applications.ts';
import { request } from '../../api/client';
import { paths, withQuery } from '../../api/paths';
import { CHART_BUCKETS, histogramQuery } from '../chart';
import { filtersToApiQuery, type AuditFilters } from '../filters';

export type ExplainLevel = 'notes' | 'fails' | 'full';
export type AuditEventRow = z.infer<typeof AuditEvent>;
export const recordedEventsSchema = z.array(AuditEvent.extend({ policy_input: z.unknown() }));

/** Rows per page: the audit API's maximum, so scrolling far needs few requests. */
const PAGE = 500;

/** The audit feature's one key factory; every variable a fetcher reads is in its key. */
export const auditQueries = {
  all: (zoneId: string) => ['zones', zoneId, 'audit'] as const,
  lists: (zoneId: string) => [...auditQueries.all(zoneId), 'list'] as const,
  list: (zoneId: string, filters: AuditFilters) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.lists(zoneId), filters] as const,
      queryFn: ({ pageParam, signal }) =>
        request('GET', withQuery(auditPaths.list(zoneId), { ...filtersToApiQuery(filters), limit: PAGE, cursor: pageParam }), AuditList, {
          signal,
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
  histograms: (zoneId: string) => [...auditQueries.all(zoneId), 'histogram'] as const,
  /** Allows and denies of every decision the filter matches, per time bucket (presets end at fetch time). */
  histogram: (zoneId: string, filters: AuditFilters) =>
    queryOptions({
      queryKey: [...auditQueries.histograms(zoneId), filters] as const,
      queryFn: ({ signal }) =>
        request('GET', withQuery(auditPaths.histogram(zoneId), { ...histogramQuery(filters), buckets: CHART_BUCKETS }), AuditHistogram, { signal }),
    }),
  byRequest: (zoneId: string, requestId: string) =>
    queryOptions({
      queryKey: [...auditQueries.all(zoneId), 'request', requestId] as const,
      queryFn: ({ signal }) => request('GET', auditPaths.byRequest(zoneId, requestId), recordedEventsSchema, { signal }),
    }),
  explain: (zoneId: string, requestId: string, level: ExplainLevel) =>
    queryOptions({
      queryKey: [...auditQueries.all(zoneId), 'request', requestId, 'explain', level] as const,
      queryFn: ({ signal }) => request('GET', withQuery(auditPaths.explain(zoneId, requestId), { trace: level }), ExplainResponse, { signal }),
      // A replay of a stored decision against an immutable version: it does not change.
      staleTime: Infinity,
    }),
  verify: (zoneId: string) =>
    queryOptions({
      queryKey: [...auditQueries.all(zoneId), 'verify'] as const,
      queryFn: ({ signal }) => request('GET', auditPaths.verify(zoneId), ChainVerification, { signal }),
      enabled: false,
    }),
  activity: (zoneId: string, action: string) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.all(zoneId), 'activity', action] as const,
      queryFn: ({ pageParam, signal }) =>
        request('GET', withQuery(paths.adminAudit(zoneId), { action: action || undefined, limit: 100, cursor: pageParam }), listOf(AdminAuditEntry), {
          signal,
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
};

/** Objects the audit screens link to and simulate against (read-only views of other features' data). */
export const zoneObjectQueries = {
  applications: (zoneId: string) =>
    queryOptions({
      queryKey: ['zones', zoneId, 'applications', 'all'] as const,
      queryFn: ({ signal }) => request('GET', withQuery(applicationPaths.list(zoneId), { limit: 500 }), listOf(Application), { signal }),
    }),
  policySets: (zoneId: string) =>
    queryOptions({
      queryKey: ['zones', zoneId, 'policy-sets', 'list', 'all'] as const,
      queryFn: ({ signal }) => request('GET', withQuery(paths.policySets(zoneId), { limit: 500 }), listOf(PolicySet), { signal }),
    }),
  setVersions: (zoneId: string, setId: string) =>
    queryOptions({
      queryKey: ['zones', zoneId, 'policy-sets', 'detail', setId, 'versions'] as const,
      queryFn: ({ signal }) => request('GET', withQuery(paths.policySetVersions(zoneId, setId), { limit: 500 }), listOf(PolicySetVersion), { signal }),
    }),
  setVersion: (zoneId: string, setId: string, versionId: string) =>
    queryOptions({
      queryKey: ['zones', zoneId, 'policy-sets', 'detail', setId, 'version', versionId] as const,
      queryFn: ({ signal }) => request('GET', paths.policySetVersion(zoneId, setId, versionId), PolicySetVersion, { signal }),
      staleTime: Infinity,
    }),
  policyVersion: (zoneId: string, policyId: string, versionId: string) =>
    queryOptions({
      queryKey: ['zones', zoneId, 'policies', 'detail', policyId, 'version', versionId] as const,
      queryFn: ({ signal }) => request('GET', paths.policyVersion(zoneId, policyId, versionId), PolicyVersion, { signal }),
      staleTime: Infinity,
    }),
};
