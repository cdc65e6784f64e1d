import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { request } from '../../api/client';
import { paths, withQuery } from '../../api/paths';
import { builtinsSchema, policyDetailSchema, policyListSchema, policyUsageSchema } from '../../api/schemas';

export type PolicySort = 'name' | '-name' | 'updated_at' | '-updated_at';
export interface PolicyFilters {
  q: string;
  sort: PolicySort;
}

/** Page size for the list: the API's maximum, so 10,000 policies arrive in 20 requests. */
const PAGE = 500;

/** The one key factory of the policies feature; every fetcher variable is in its key. */
export const policyQueries = {
  all: (zoneId: string) => ['zones', zoneId, 'policies'] as const,
  lists: (zoneId: string) => [...policyQueries.all(zoneId), 'list'] as const,
  list: (zoneId: string, filters: PolicyFilters) =>
    infiniteQueryOptions({
      queryKey: [...policyQueries.lists(zoneId), filters] as const,
      queryFn: ({ pageParam, signal }) =>
        request(
          'GET',
          withQuery(paths.policies(zoneId), { q: filters.q, sort: filters.sort, limit: PAGE, cursor: pageParam }),
          policyListSchema,
          { signal },
        ),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
  /** A short list for the command palette. */
  search: (zoneId: string, q: string) =>
    queryOptions({
      queryKey: [...policyQueries.lists(zoneId), 'search', q] as const,
      queryFn: ({ signal }) =>
        request('GET', withQuery(paths.policies(zoneId), { q, sort: 'name', limit: 20 }), policyListSchema, { signal }),
    }),
  detail: (zoneId: string, policyId: string) =>
    queryOptions({
      queryKey: [...policyQueries.all(zoneId), 'detail', policyId] as const,
      queryFn: ({ signal }) => request('GET', paths.policy(zoneId, policyId), policyDetailSchema, { signal }),
    }),
  usage: (zoneId: string, policyId: string) =>
    queryOptions({
      queryKey: [...policyQueries.all(zoneId), 'detail', policyId, 'usage'] as const,
      queryFn: ({ signal }) => request('GET', paths.policyUsage(zoneId, policyId), policyUsageSchema, { signal }),
    }),
};

/** The engine's built-in catalogue, for completion and hover; it changes only with the engine. */
export const builtinQueries = {
  catalogue: () =>
    queryOptions({
      queryKey: ['builtins'] as const,
      queryFn: ({ signal }) => request('GET', paths.builtins(), builtinsSchema, { signal }),
      staleTime: Infinity,
    }),
};
