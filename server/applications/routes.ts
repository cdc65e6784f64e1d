import { z } from 'zod';
import { Application, CreateApplicationBody, CreatedApplication, ListApplicationsQuery, UpdateApplicationBody } from '../../contract/applications.ts';
import { listOf } from '../../contract/index.ts';
import { actorOf, zoneOf } from '../plugins/auth.ts';
import { errors, NoContent, ZoneIdParams, ZoneParams, type ZodApp } from '../routes/common.ts';
import type { StsAudit } from '../sts/module.ts';

// Registering and changing STS clients is zone configuration: admins only (manageZones).
export function applicationRoutes(app: ZodApp, m: StsAudit) {
  const base = '/v1/zones/:zoneId/applications';
  const tags = ['applications'];

  app.post(
    base,
    { config: { permission: 'manageZones' }, schema: { tags, summary: 'Register an application; the secret is shown once', params: ZoneParams, body: CreateApplicationBody, response: { 201: CreatedApplication, ...errors } } },
    async (req, reply) => reply.code(201).send(await m.applications.create(zoneOf(req).id, req.body as z.output<typeof CreateApplicationBody>, actorOf(req), req.id)),
  );

  app.get(base, { config: { permission: 'read' }, schema: { tags, params: ZoneParams, querystring: ListApplicationsQuery, response: { 200: listOf(Application), ...errors } } }, async (req) =>
    m.applications.list(zoneOf(req).id, req.query),
  );

  app.get(`${base}/:id`, { config: { permission: 'read' }, schema: { tags, params: ZoneIdParams, response: { 200: Application, ...errors } } }, async (req) =>
    m.applications.get(zoneOf(req).id, req.params.id),
  );

  app.patch(
    `${base}/:id`,
    { config: { permission: 'manageZones' }, schema: { tags, summary: 'Replace the labels', params: ZoneIdParams, body: UpdateApplicationBody, response: { 200: Application, ...errors } } },
    async (req) => m.applications.updateLabels(zoneOf(req).id, req.params.id, req.body, actorOf(req), req.id),
  );

  app.delete(
    `${base}/:id`,
    { config: { permission: 'manageZones' }, schema: { tags, summary: 'Disable: the STS refuses it at once', params: ZoneIdParams, response: { 204: NoContent, ...errors } } },
    async (req, reply) => {
      await m.applications.disable(zoneOf(req).id, req.params.id, actorOf(req), req.id);
      return reply.code(204).send(null);
    },
  );
}
