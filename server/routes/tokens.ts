import { z } from 'zod';
import { AdminAuditEntry, AdminAuditQuery, AdminToken, CreateAdminTokenBody, CreatedAdminToken, listOf, PathId } from '../../contract/index.ts';
import { forbidden } from '../errors.ts';
import { actorOf, zoneOf } from '../plugins/auth.ts';
import { adminAuditView } from '../services/admin-audit.ts';
import type { Services } from '../services/index.ts';
import { errors, NoContent, ZoneParams, type ZodApp } from './common.ts';

export function tokenRoutes(app: ZodApp, s: Services) {
  const tags = ['admin tokens'];

  app.post('/v1/admin-tokens', { config: { permission: 'manageTokens' }, schema: { tags, body: CreateAdminTokenBody, response: { 201: CreatedAdminToken, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    // A zone-scoped admin may only mint tokens for its own zone.
    if (actor.zoneId && req.body.zone_id !== actor.zoneId) throw forbidden('A zone-scoped admin can only create tokens scoped to its own zone.');
    return reply.code(201).send(await s.auth.createToken(req.body, actor, req.id));
  });

  app.get('/v1/admin-tokens', { config: { permission: 'manageTokens' }, schema: { tags, response: { 200: listOf(AdminToken), ...errors } } }, async (req) =>
    s.auth.listTokens(actorOf(req)),
  );

  app.delete(
    '/v1/admin-tokens/:id',
    { config: { permission: 'manageTokens' }, schema: { tags, summary: 'Revoke at once', params: z.strictObject({ id: PathId }), response: { 204: NoContent, ...errors } } },
    async (req, reply) => {
      await s.auth.revokeToken(req.params.id, actorOf(req), req.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/zones/:zoneId/admin-audit',
    { config: { permission: 'read' }, schema: { tags: ['audit'], summary: 'Every mutation in the zone', params: ZoneParams, querystring: AdminAuditQuery, response: { 200: listOf(AdminAuditEntry), ...errors } } },
    async (req) => {
      const p = await s.deps.repos.audit.list(zoneOf(req).id, req.query);
      return { items: p.items.map(adminAuditView), next_cursor: p.next_cursor };
    },
  );
}
