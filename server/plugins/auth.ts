// Who is calling and may they: bearer token or session cookie, CSRF header under cookies,
// the route's permission, and the token's zone scope.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '../../contract/index.ts';
import { permissions, type Actor, type Permission } from '../auth/actor.ts';
import { ApiError, forbidden } from '../errors.ts';
import type { ZoneRow } from '../repositories/zones.ts';
import type { Services } from '../services/index.ts';
import { recordMutation } from '../services/admin-audit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    zone?: ZoneRow;
  }
  interface FastifyContextConfig {
    /** 'public' routes need no token; every other /v1 route names the permission it needs. */
    permission?: Permission | 'public' | 'signed_in';
  }
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new ApiError(401, 'invalid_admin_token', 'Sign in or send an admin token as "Authorization: Bearer <token>".');
  return req.actor;
}

export function zoneOf(req: FastifyRequest): ZoneRow {
  if (!req.zone) throw new Error('route has no :zoneId');
  return req.zone;
}

export function authPlugin(app: FastifyInstance, services: Services) {
  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission || permission === 'public') return;
    const header = req.headers.authorization;
    let actor: Actor | undefined;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S{1,512})$/i.exec(header);
      actor = m ? await services.auth.fromBearer(m[1]!) : undefined;
      if (!actor) throw new ApiError(401, 'invalid_admin_token', 'The admin token is unknown, malformed or revoked.');
    } else {
      const secret = req.cookies?.[SESSION_COOKIE];
      actor = secret ? await services.auth.fromSession(secret) : undefined;
      if (!actor) throw new ApiError(401, 'invalid_admin_token', 'Sign in or send an admin token as "Authorization: Bearer <token>".');
      if (MUTATIONS.has(req.method) && req.headers[CSRF_HEADER] !== '1') {
        throw new ApiError(403, 'csrf_header_missing', `Changes made with the session cookie must carry the header "${CSRF_HEADER}: 1".`);
      }
    }
    req.actor = actor;
    if (permission === 'signed_in') return;
    const allowed: readonly string[] = permissions[permission];
    if (!allowed.includes(actor.role)) {
      if (MUTATIONS.has(req.method)) await auditDenied(services, req, actor);
      throw forbidden(`This needs the ${allowed.join(' or ')} role; this token has the ${actor.role} role.`);
    }
  });

  // After params validation: resolve :zoneId (id or slug) and enforce the token's zone scope.
  app.addHook('preHandler', async (req) => {
    const params = req.params as { zoneId?: string } | undefined;
    if (!params?.zoneId || !req.actor) return;
    const zone = await services.deps.repos.zones.find(params.zoneId);
    const scope = req.actor.zoneId;
    if (scope && zone?.id !== scope) throw forbidden('This token is scoped to another zone.');
    if (!zone) throw new ApiError(404, 'zone_not_found', `No zone with id or slug "${params.zoneId}" exists.`);
    req.zone = zone;
  });
}

async function auditDenied(services: Services, req: FastifyRequest, actor: Actor) {
  const params = req.params as { zoneId?: string } | undefined;
  const zone = params?.zoneId ? await services.deps.repos.zones.find(params.zoneId) : undefined;
  await recordMutation(
    services.deps.repos,
    services.deps.db,
    actor,
    req.id,
    { zoneId: zone?.id ?? null, action: `${req.method} ${req.routeOptions.url}`, entityType: 'route', entityId: null, details: { role: actor.role } },
    'denied',
  ).catch((err: Error) => req.log.warn({ err }, 'could not record a denied attempt'));
}
