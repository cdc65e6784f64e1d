import { z } from 'zod';
import {
  ActivateBody,
  ErrorBody,
  ActivateResponse,
  ActivationRequest,
  ActivationStatus,
  ActivationStatusQuery,
  CreateActivationRequestBody,
  CreatedPolicySetVersion,
  CreatePolicySetBody,
  CreatePolicySetVersionBody,
  ImpactBody,
  ImpactResponse,
  InvalidPolicyBundle,
  ListQuery,
  listOf,
  ManifestCheck,
  PolicySet,
  PolicySetVersion,
  SimulateBody,
  SimulateResponse,
  SimulationRun,
  SimulationRunsQuery,
} from '../../contract/index.ts';
import { actorOf, zoneOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';
import { errors, ZoneIdParams, ZoneParams, ZoneVersionParams, type ZodApp } from './common.ts';

export function policySetRoutes(app: ZodApp, s: Services) {
  const base = '/v1/zones/:zoneId/policy-sets';
  const tags = ['policy sets'];

  app.get(base, { config: { permission: 'read' }, schema: { tags, params: ZoneParams, querystring: ListQuery, response: { 200: listOf(PolicySet), ...errors } } }, async (req) =>
    s.sets.list(zoneOf(req), req.query),
  );

  app.post(base, { config: { permission: 'author' }, schema: { tags, params: ZoneParams, body: CreatePolicySetBody, response: { 201: PolicySet, ...errors } } }, async (req, reply) =>
    reply.code(201).send(await s.sets.create(zoneOf(req), req.body, actorOf(req), req.id)),
  );

  app.get(`${base}/:id`, { config: { permission: 'read' }, schema: { tags, params: ZoneIdParams, response: { 200: PolicySet, ...errors } } }, async (req) =>
    s.sets.get(zoneOf(req), req.params.id),
  );

  app.get(
    `${base}/:id/versions`,
    { config: { permission: 'read' }, schema: { tags, params: ZoneIdParams, querystring: ListQuery, response: { 200: listOf(PolicySetVersion), ...errors } } },
    async (req) => s.sets.versions(zoneOf(req), req.params.id, req.query),
  );

  app.post(
    `${base}/:id/versions`,
    {
      config: { permission: 'author' },
      schema: { tags, params: ZoneIdParams, body: CreatePolicySetVersionBody, response: { 201: CreatedPolicySetVersion, 422: z.union([InvalidPolicyBundle, ErrorBody]), ...errors } },
    },
    async (req, reply) => reply.code(201).send(await s.sets.addVersion(zoneOf(req), req.params.id, req.body, actorOf(req), req.id)),
  );

  app.post(
    `${base}/:id/versions/check`,
    {
      config: { permission: 'author' },
      schema: { tags, summary: 'Compile a draft manifest without storing it', params: ZoneIdParams, body: CreatePolicySetVersionBody, response: { 200: ManifestCheck, 422: z.union([InvalidPolicyBundle, ErrorBody]), ...errors } },
    },
    async (req) => s.sets.checkManifest(zoneOf(req), req.params.id, req.body),
  );

  app.get(`${base}/:id/versions/:versionId`, { config: { permission: 'read' }, schema: { tags, params: ZoneVersionParams, response: { 200: PolicySetVersion, ...errors } } }, async (req) =>
    s.sets.version(zoneOf(req), req.params.id, req.params.versionId),
  );

  app.post(
    `${base}/:id/versions/:versionId/impact`,
    { config: { permission: 'simulate' }, schema: { tags, summary: 'Replay recorded inputs against this version and the active one', params: ZoneVersionParams, body: ImpactBody.nullish(), response: { 200: ImpactResponse, ...errors } } },
    async (req) => s.sets.impact(zoneOf(req), req.params.id, req.params.versionId, req.body ?? { limit: 1000 }),
  );

  app.post(
    `${base}/:id/simulate`,
    { config: { permission: 'simulate' }, schema: { tags, summary: 'Dry-run a version, optionally against an input', params: ZoneIdParams, body: SimulateBody, response: { 200: SimulateResponse, ...errors } } },
    async (req) => s.sets.simulate(zoneOf(req), req.params.id, req.body, actorOf(req)),
  );

  app.get(
    `${base}/:id/versions/:versionId/simulations`,
    {
      config: { permission: 'read' },
      schema: { tags, summary: 'Recent simulations of this version, newest first (activation evidence)', params: ZoneVersionParams, querystring: SimulationRunsQuery, response: { 200: z.object({ items: z.array(SimulationRun) }), ...errors } },
    },
    async (req) => s.sets.simulations(zoneOf(req), req.params.id, req.params.versionId, req.query.limit),
  );

  app.post(
    `${base}/:id/activate`,
    { config: { permission: 'activate' }, schema: { tags, summary: 'Make a version the zone\'s active one (older version = rollback)', params: ZoneIdParams, body: ActivateBody, response: { 202: ActivateResponse, 422: InvalidPolicyBundle, ...errors } } },
    async (req, reply) => reply.code(202).send(await s.activation.activate(zoneOf(req), req.params.id, req.body, actorOf(req), req.id)),
  );

  app.get(
    `${base}/:id/activation-status`,
    { config: { permission: 'read' }, schema: { tags, params: ZoneIdParams, querystring: ActivationStatusQuery, response: { 200: ActivationStatus, ...errors } } },
    async (req) => s.activation.status(zoneOf(req), req.params.id, req.query.version_id),
  );

  app.post(
    `${base}/:id/activation-requests`,
    { config: { permission: 'requestActivation' }, schema: { tags: ['activations'], params: ZoneIdParams, body: CreateActivationRequestBody, response: { 201: ActivationRequest, ...errors } } },
    async (req, reply) => reply.code(201).send(await s.activation.requestActivation(zoneOf(req), req.params.id, req.body, actorOf(req), req.id)),
  );

}
