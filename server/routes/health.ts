import { Health, Ready } from '../../contract/index.ts';
import type { Services } from '../services/index.ts';
import type { ZodApp } from './common.ts';

export interface Readiness {
  startup: boolean;
}

export function healthRoutes(app: ZodApp, s: Services, readiness: Readiness) {
  app.get('/health', { config: { permission: 'public' }, schema: { hide: true, response: { 200: Health } } }, async () => ({ ok: true as const }));

  /** 200 only when the database answers, the engine is up and startup (migrate, preload, demo) finished. */
  app.get('/ready', { config: { permission: 'public' }, schema: { hide: true, response: { 200: Ready, 503: Ready } } }, async (_req, reply) => {
    const database = await s.deps.db.ping();
    const e = s.deps.engine.info();
    const ready = database && e.healthy && readiness.startup;
    return reply.code(ready ? 200 : 503).send({
      ready,
      checks: { database, engine: { healthy: e.healthy, restarts: e.restarts, preloaded: s.bundles.preloaded, ...(e.error ? { error: e.error } : {}) }, startup: readiness.startup },
    });
  });
}
