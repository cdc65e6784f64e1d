import { z } from 'zod';
import { Activation, ActivationRequest, ActivationRequestStatus, ApproveBody, ApproveResponse, ListQuery, listOf, PathId, RejectBody } from '../../contract/index.ts';
import { actorOf, zoneOf } from '../plugins/auth.ts';
import type { Services } from '../services/index.ts';
import { errors, ZoneParams, type ZodApp } from './common.ts';

const RequestParams = z.strictObject({ zoneId: PathId, rid: PathId });

export function activationRoutes(app: ZodApp, s: Services) {
  const tags = ['activations'];

  app.get(
    '/v1/zones/:zoneId/activations',
    { config: { permission: 'read' }, schema: { tags, summary: 'Activation history', params: ZoneParams, querystring: ListQuery, response: { 200: listOf(Activation), ...errors } } },
    async (req) => s.activation.history(zoneOf(req), req.query),
  );

  app.get(
    '/v1/zones/:zoneId/activation-requests',
    {
      config: { permission: 'read' },
      schema: { tags, params: ZoneParams, querystring: ListQuery.extend({ status: ActivationRequestStatus.optional() }), response: { 200: listOf(ActivationRequest), ...errors } },
    },
    async (req) => s.activation.listRequests(zoneOf(req), req.query),
  );

  app.post(
    '/v1/zones/:zoneId/activation-requests/:rid/approve',
    { config: { permission: 'review' }, schema: { tags, summary: 'Approve (and thereby activate)', params: RequestParams, body: ApproveBody.nullish(), response: { 200: ApproveResponse, ...errors } } },
    async (req) => s.activation.approve(zoneOf(req), req.params.rid, req.body?.comment, actorOf(req), req.id),
  );

  app.post(
    '/v1/zones/:zoneId/activation-requests/:rid/reject',
    { config: { permission: 'review' }, schema: { tags, params: RequestParams, body: RejectBody, response: { 200: ActivationRequest, ...errors } } },
    async (req) => s.activation.reject(zoneOf(req), req.params.rid, req.body.comment, actorOf(req), req.id),
  );
}
