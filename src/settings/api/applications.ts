import { infiniteQueryOptions } from '@tanstack/react-query';
import { Application, applicationPaths, CreatedApplication } from '../../../contract/applications.ts';
import { listOf } from '../../../contract/index.ts';
import { request } from '../../api/client';
import { withQuery } from '../../api/paths';
import { noContentSchema } from '../../api/schemas';

export type { Application, CreatedApplication };

const applicationListSchema = listOf(Application);

/**
 * Keys start with ['zones', zoneId, 'applications'] — the same prefix the audit filter's
 * application list uses — so registering or disabling an app refreshes that list too.
 */
export const applicationQueries = {
  all: (zoneId: string) => ['zones', zoneId, 'applications'] as const,
  list: (zoneId: string) =>
    infiniteQueryOptions({
      queryKey: [...applicationQueries.all(zoneId), 'settings-list'] as const,
      queryFn: ({ pageParam, signal }) =>
        request('GET', withQuery(applicationPaths.list(zoneId), { status: 'all', limit: 100, cursor: pageParam }), applicationListSchema, { signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor,
    }),
};

export function createApplication(zoneId: string, body: { name: string; labels: string[] }) {
  return request('POST', applicationPaths.list(zoneId), CreatedApplication, { body });
}

export function updateApplicationLabels(zoneId: string, id: string, labels: string[]) {
  return request('PATCH', applicationPaths.one(zoneId, id), Application, { body: { labels } });
}

/** DELETE disables: the row stays (audit events keep naming it) and the STS refuses it at once. */
export function disableApplication(zoneId: string, id: string) {
  return request('DELETE', applicationPaths.one(zoneId, id), noContentSchema);
}
