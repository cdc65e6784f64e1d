// POST /oauth/2/token and GET /.well-known/jwks.json. Registered in their own encapsulated scope:
// the form parser and the OAuth-shaped error handler apply here only.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Jwks, OAuthErrorBody, TokenResponse } from '../../contract/sts.ts';
import type { ZodApp } from '../routes/common.ts';
import type { StsAudit } from './module.ts';
import { OAuthError, oauthErrorHeaders } from './oauth-errors.ts';

const FORM_LIMIT = 64 * 1024;
const FORM = 'application/x-www-form-urlencoded';
type Form = Record<string, string | string[]>;

function parseForm(body: string): Form {
  const out: Form = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function sendOAuthError(reply: FastifyReply, req: FastifyRequest, err: OAuthError) {
  return reply
    .code(err.status)
    .headers(oauthErrorHeaders(err, /^Basic\s/i.test(req.headers.authorization ?? '')))
    .type('application/json; charset=utf-8')
    .send(err.body(req.id));
}

export function stsRoutes(app: ZodApp, m: StsAudit) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => done(null, parseForm(body as string)));
  // Anything else still reaches the handler, which answers invalid_request instead of a 415.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, _body, done) => done(null, null));

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof OAuthError) return sendOAuthError(reply, req, err);
    const code = (err as { code?: string }).code;
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendOAuthError(reply, req, new OAuthError('invalid_request', `The request body is larger than ${FORM_LIMIT / 1024} KiB.`));
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) return sendOAuthError(reply, req, new OAuthError('invalid_request', (err as Error).message));
    req.log.error({ err }, 'token endpoint failed');
    return reply.code(500).send({ error: 'server_error', error_description: 'Something went wrong on our side; no token was issued.', request_id: req.id });
  });

  app.post(
    '/oauth/2/token',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['sts'],
        summary: 'Token endpoint: client_credentials and token exchange (form-encoded)',
        response: { 200: TokenResponse, '4xx': OAuthErrorBody },
      },
    },
    async (req, reply) => {
      if (!req.headers['content-type']?.toLowerCase().startsWith(FORM) || !req.body || typeof req.body !== 'object') {
        throw new OAuthError('invalid_request', `Send the token request as ${FORM}.`);
      }
      const token = await m.sts.token({ form: req.body as Form, authorization: req.headers.authorization, requestId: req.id });
      return reply.headers({ 'cache-control': 'no-store', pragma: 'no-cache' }).send(token);
    },
  );

  app.get(
    '/.well-known/jwks.json',
    { config: { permission: 'public' }, schema: { tags: ['sts'], summary: 'Public keys that verify STS tokens', response: { 200: Jwks } } },
    async (_req, reply) => reply.header('cache-control', 'public, max-age=60').send(m.keys.jwks()),
  );
}
