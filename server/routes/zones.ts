import { CreateZoneBody, listOf, UpdateZoneBody, Zone } from '../../contract/index.ts';
import { forbidden } from '../errors.ts';
import { actorOf, zoneOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';
import { errors, ZoneParams, type ZodApp } from './common.ts';

export function zoneRoutes(app: ZodApp, s: Services) {
  app.get('/v1/zones', { config: { permission: 'read' }, schema: { tags: ['zones'], response: { 200: listOf(Zone), ...errors } } }, async (req) =>
    s.zones.list(actorOf(req)),
  );

  app.post('/v1/zones', { config: { permission: 'manageZones' }, schema: { tags: ['zones'], body: CreateZoneBody, response: { 201: Zone, ...errors } } }, async (req, reply) => {
    const actor = actorOf(req);
    if (actor.zoneId) throw forbidden('A zone-scoped token cannot create zones.');
    return reply.code(201).send(await s.zones.create(req.body, actor, req.id));
  });

  app.get('/v1/zones/:zoneId', { config: { permission: 'read' }, schema: { tags: ['zones'], params: ZoneParams, response: { 200: Zone, ...errors } } }, async (req) =>
    s.zones.view(zoneOf(req)),
  );

  app.patch(
    '/v1/zones/:zoneId',
    { config: { permission: 'manageZones' }, schema: { tags: ['zones'], params: ZoneParams, body: UpdateZoneBody, response: { 200: Zone, ...errors } } },
    async (req) => s.zones.update(zoneOf(req), req.body, actorOf(req), req.id),
  );
}
