// Serves the built console (dist/) with an SPA fallback, and answers unknown /v1 paths with JSON.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export async function consolePlugin(app: FastifyInstance, opts: { dir: string }) {
  const index = join(opts.dir, 'index.html');
  const built = existsSync(index);
  if (built) await app.register(fastifyStatic, { root: opts.dir, wildcard: false, index: false });

  app.setNotFoundHandler(async (req, reply) => {
    const apiPath = req.url.startsWith('/v1/') || req.url === '/v1' || req.url.startsWith('/oauth/');
    if (!apiPath && (req.method === 'GET' || req.method === 'HEAD')) {
      if (built) return reply.type('text/html; charset=utf-8').sendFile('index.html');
      return reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><title>Caracal</title><p>The console is not built yet: run <code>npm run build:console</code> and reload.</p>');
    }
    return reply.code(404).send({ error: 'not_found', error_description: `There is no ${req.method} ${req.url.split('?')[0]} in this API.`, request_id: req.id });
  });
}
