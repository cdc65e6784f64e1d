import {
  CreatedPolicy,
  CreatedPolicyVersion,
  CreatePolicyBody,
  CreatePolicyVersionBody,
  InvalidRego,
  ListPoliciesQuery,
  listOf,
  PolicyDetail,
  PolicySummary,
  PolicyUsage,
  PolicyVersion,
} from '../../contract/index.ts';
import { actorOf, zoneOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';
import { errors, NoContent, ZoneIdParams, ZoneParams, ZoneVersionParams, type ZodApp } from './common.ts';

export function policyRoutes(app: ZodApp, s: Services) {
  const base = '/v1/zones/:zoneId/policies';
  const tags = ['policies'];

  app.get(base, { config: { permission: 'read' }, schema: { tags, params: ZoneParams, querystring: ListPoliciesQuery, response: { 200: listOf(PolicySummary), ...errors } } }, async (req) =>
    s.policies.list(zoneOf(req), req.query),
  );

  app.post(
    base,
    { config: { permission: 'author' }, schema: { tags, params: ZoneParams, body: CreatePolicyBody, response: { 201: CreatedPolicy, 422: InvalidRego, ...errors } } },
    async (req, reply) => reply.code(201).send(await s.policies.create(zoneOf(req), req.body, actorOf(req), req.id)),
  );

  app.get(`${base}/:id`, { config: { permission: 'read' }, schema: { tags, params: ZoneIdParams, response: { 200: PolicyDetail, ...errors } } }, async (req) =>
    s.policies.get(zoneOf(req), req.params.id),
  );

  app.get(`${base}/:id/usage`, { config: { permission: 'read' }, schema: { tags, params: ZoneIdParams, response: { 200: PolicyUsage, ...errors } } }, async (req) =>
    s.policies.usage(zoneOf(req), req.params.id),
  );

  app.post(
    `${base}/:id/versions`,
    { config: { permission: 'author' }, schema: { tags, params: ZoneIdParams, body: CreatePolicyVersionBody, response: { 201: CreatedPolicyVersion, 422: InvalidRego, ...errors } } },
    async (req, reply) => reply.code(201).send(await s.policies.addVersion(zoneOf(req), req.params.id, req.body.content, actorOf(req), req.id)),
  );

  app.get(`${base}/:id/versions/:versionId`, { config: { permission: 'read' }, schema: { tags, params: ZoneVersionParams, response: { 200: PolicyVersion, ...errors } } }, async (req) =>
    s.policies.getVersion(zoneOf(req), req.params.id, req.params.versionId),
  );

  app.delete(`${base}/:id`, { config: { permission: 'author' }, schema: { tags, summary: 'Archive a policy', params: ZoneIdParams, response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await s.policies.archive(zoneOf(req), req.params.id, actorOf(req), req.id);
    return reply.code(204).send(null);
  });
}
