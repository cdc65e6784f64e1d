// Builds the Fastify app from plugins: external (errors, security headers, cookies, OpenAPI),
// then app (auth), then routes per resource, then the console.
import cookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { PATH_ID_PATTERN } from '../contract/index.ts';
import { newId } from './lib/ids.ts';
import { authPlugin } from './plugins/auth.ts';
import { consolePlugin } from './plugins/console.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { openapiPlugin, openapiRoute } from './plugins/openapi.ts';
import { securityPlugin } from './plugins/security.ts';
import { activationRoutes } from './routes/activations.ts';
import { editorRoutes } from './routes/editor.ts';
import { healthRoutes, type Readiness } from './routes/health.ts';
import { policyRoutes } from './routes/policies.ts';
import { policySetRoutes } from './routes/policy-sets.ts';
import { sessionRoutes } from './routes/session.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { zoneRoutes } from './routes/zones.ts';
import { makeStsAudit, registerStsAuditRoutes, type StsAudit } from './sts/module.ts';
import type { Services } from './services/index.ts';

/** JSON.parse reviver that refuses prototype pollution keys, like Fastify's own parser does. */
function rejectProto(key: string, value: unknown) {
  const protoInConstructor = key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value;
  if (key === '__proto__' || protoInConstructor) throw new SyntaxError(`the key "${key}" is not allowed in JSON bodies`);
  return value;
}

export const BODY_LIMIT = 2 * 1024 * 1024; // a maximal policy (262,144 characters) fits with room to spare

export interface AppOptions {
  services: Services;
  readiness: Readiness;
  consoleDir: string;
  corsOrigin?: string;
  logger?: FastifyBaseLogger;
  /** STS, applications and decision audit (server/sts/module.ts); built from services when absent. */
  stsAudit?: StsAudit;
}

export async function buildApp(o: AppOptions) {
  const app = Fastify({
    ...(o.logger ? { loggerInstance: o.logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    requestIdHeader: false,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && PATH_ID_PATTERN.test(h) ? h : newId();
    },
    routerOptions: { maxParamLength: 256 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  errorsPlugin(app);
  // A JSON content type with an empty body (common on DELETE and on POSTs whose body is optional)
  // means "no body", not malformed JSON; routes that need a body still say so with invalid_body.
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, text, done) => {
    const raw = String(text);
    if (raw.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(raw, rejectProto));
    } catch (e) {
      const err = e as Error & { statusCode?: number };
      err.statusCode = 400;
      done(err, undefined);
    }
  });
  securityPlugin(app, { corsOrigin: o.corsOrigin });
  await app.register(cookie);
  await openapiPlugin(app);
  authPlugin(app, o.services);

  healthRoutes(app, o.services, o.readiness);
  openapiRoute(app);
  sessionRoutes(app, o.services);
  editorRoutes(app, o.services);
  zoneRoutes(app, o.services);
  policyRoutes(app, o.services);
  policySetRoutes(app, o.services);
  activationRoutes(app, o.services);
  tokenRoutes(app, o.services);
  const stsAudit = o.stsAudit ?? makeStsAudit(o.services);
  await stsAudit.init();
  app.addHook('onClose', () => stsAudit.close());
  await registerStsAuditRoutes(app, stsAudit);
  await consolePlugin(app, { dir: o.consoleDir });
  return app;
}
