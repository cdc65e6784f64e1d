import type { FastifyInstance } from 'fastify';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco and mermaid set inline styles; workers come from blob: URLs in some builds.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Security headers on every response; /v1 is never cached. CORS stays off unless an origin is configured. */
export function securityPlugin(app: FastifyInstance, opts: { corsOrigin?: string }) {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (req.url.startsWith('/v1/') || req.url === '/v1') reply.header('cache-control', 'no-store');
    else reply.header('content-security-policy', CSP);
    if (opts.corsOrigin && req.headers.origin === opts.corsOrigin) {
      reply.header('access-control-allow-origin', opts.corsOrigin);
      reply.header('vary', 'origin');
      reply.header('access-control-allow-headers', 'authorization, content-type, x-caracal-csrf, x-request-id');
      reply.header('access-control-allow-methods', 'GET, POST, PATCH, DELETE');
      if (req.method === 'OPTIONS') return reply.code(204).send();
    }
  });
}
