import { CreateSessionBody, SESSION_COOKIE, Session } from '../../contract/index.ts';
import { actorOf } from '../plugins/auth.ts';
import { SESSION_HOURS, sessionView } from '../services/auth.ts';
import type { Services } from '../services/index.ts';
import { errors, NoContent, type ZodApp } from './common.ts';

export function sessionRoutes(app: ZodApp, s: Services) {
  app.post(
    '/v1/session',
    { config: { permission: 'public' }, schema: { tags: ['session'], summary: 'Sign in with a one-time code or a token', body: CreateSessionBody, response: { 200: Session, ...errors } } },
    async (req, reply) => {
      const { secret, actor } = await s.auth.login(req.body, req.id);
      reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: SESSION_HOURS * 3600, secure: 'auto' });
      return sessionView(actor);
    },
  );

  app.get('/v1/session', { config: { permission: 'signed_in' }, schema: { tags: ['session'], summary: 'Who am I', response: { 200: Session, ...errors } } }, async (req) =>
    sessionView(actorOf(req)),
  );

  app.delete('/v1/session', { config: { permission: 'signed_in' }, schema: { tags: ['session'], summary: 'Sign out', response: { 204: NoContent, ...errors } } }, async (req, reply) => {
    await s.auth.logout(actorOf(req), req.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });
}
