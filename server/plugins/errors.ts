// One error body everywhere; bad input is a 4xx with a sentence, a 5xx is a bug or an outage.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { EngineUnavailableError } from '../engine/client.ts';
import { ApiError } from '../errors.ts';

const WHAT = { body: ['invalid_body', 'The request body'], querystring: ['invalid_query', 'The query string'], params: ['invalid_params', 'The path'], headers: ['invalid_headers', 'The headers'] } as const;

function send(reply: FastifyReply, req: FastifyRequest, status: number, code: string, description: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: code, error_description: description, request_id: req.id, ...extra });
}

export function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | ApiError | Error, req, reply) => {
    if (err instanceof ApiError) return send(reply, req, err.status, err.code, err.message, err.extra);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const ctx = ((err as { validationContext?: keyof typeof WHAT }).validationContext ?? 'body') as keyof typeof WHAT;
      const [code, label] = WHAT[ctx] ?? WHAT.body;
      const issues = err.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)', message: v.message ?? 'is invalid' }));
      const first = issues[0]!;
      // Fastify hands validators null for a missing body.
      if (ctx === 'body' && first.path === '(root)' && /received null/.test(first.message) && req.body == null) {
        return send(reply, req, 400, 'invalid_body', 'The request needs a JSON object body.', { details: { issues } });
      }
      const where = first.path === '(root)' ? '' : ` at "${first.path}"`;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
      return send(reply, req, 400, code, `${label} is not valid${where}: ${first.message}${more}.`, { details: { issues } });
    }
    if (err instanceof EngineUnavailableError) {
      req.log.warn({ err }, 'engine unavailable');
      return send(reply, req, 503, 'engine_unavailable', 'The policy engine is not available right now; try again in a moment.');
    }
    const fe = err as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, req, 413, 'body_too_large', `The request body is larger than the ${Math.round(app.initialConfig.bodyLimit! / 1048576)} MiB this API accepts.`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, req, 415, 'unsupported_media_type', 'Send the request body as application/json.');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, req, 400, 'invalid_json', 'The body is empty; send a JSON object.');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, req, 400, 'invalid_body', 'The Content-Length header does not match the body.');
    }
    if (fe.statusCode === 400 && (err instanceof SyntaxError || /JSON|proto/i.test(fe.message))) {
      return send(reply, req, 400, 'invalid_json', `The body is not valid JSON (${fe.message}).`);
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, req, fe.statusCode, 'bad_request', fe.message);
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, req, 500, 'internal_error', 'Something went wrong on our side; the request id helps find it in the server log.');
  });
}
