import { queryOptions } from '@tanstack/react-query';
import { request } from '../../api/client';
import { paths, withQuery } from '../../api/paths';
import { policySetListSchema } from '../../api/schemas';

/**
 * Names for the palette only. The policy-sets feature owns its own queries; the shell must not
 * depend on a feature that is still being built, so it reads the list itself (first 200, by name match).
 */
export const paletteQueries = {
  policySets: (zoneId: string) =>
    queryOptions({
      queryKey: ['zones', zoneId, 'palette', 'policy-sets'] as const,
      queryFn: ({ signal }) => request('GET', withQuery(paths.policySets(zoneId), { limit: 200 }), policySetListSchema, { signal }),
      staleTime: 30_000,
    }),
};
