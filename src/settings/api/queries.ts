import { queryOptions } from '@tanstack/react-query';
import { request } from '../../api/client';
import { paths } from '../../api/paths';
import { adminTokenListSchema, createdAdminTokenSchema, noContentSchema, zoneSchema, type Role } from '../../api/schemas';

export const settingsQueries = {
  all: () => ['settings'] as const,
  tokens: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'admin-tokens'] as const,
      queryFn: ({ signal }) => request('GET', paths.adminTokens(), adminTokenListSchema, { signal }),
    }),
};

export function updateZone(zoneId: string, body: { name?: string; settings?: { require_activation_approval: boolean } }) {
  return request('PATCH', paths.zone(zoneId), zoneSchema, { body });
}

export function createAdminToken(body: { name: string; role: Role; zone_id?: string }) {
  return request('POST', paths.adminTokens(), createdAdminTokenSchema, { body });
}

export function revokeAdminToken(tokenId: string) {
  return request('DELETE', paths.adminToken(tokenId), noContentSchema);
}
