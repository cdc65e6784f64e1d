import { queryOptions } from '@tanstack/react-query';
import { request } from './client';
import { paths } from './paths';
import { zoneListSchema, zoneSchema } from './schemas';

/** Zones are shared by the shell (switcher) and settings, so their queries live here. */
export const zoneQueries = {
  all: () => ['zones'] as const,
  list: () =>
    queryOptions({
      queryKey: [...zoneQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => request('GET', paths.zones(), zoneListSchema, { signal }),
    }),
  detail: (zoneId: string) =>
    queryOptions({
      queryKey: [...zoneQueries.all(), 'detail', zoneId] as const,
      queryFn: ({ signal }) => request('GET', paths.zone(zoneId), zoneSchema, { signal }),
    }),
};
