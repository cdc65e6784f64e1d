import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI 3.1 generated from the same zod schemas that validate requests. */
export async function openapiPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Caracal policy console admin API', version: '1', description: 'Author, version, simulate and activate Rego policy per zone.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'caracal_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
}

export function openapiRoute(app: FastifyInstance) {
  app.get('/v1/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
