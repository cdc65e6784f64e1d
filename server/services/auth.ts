// Admin tokens, console sessions, one-time login codes and the bootstrap admin.
import type { AdminToken, CreateAdminTokenBody, CreatedAdminToken, Role, Session } from '../../contract/index.ts';
import type { Actor } from '../auth/actor.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId, nowIso, randomSecret, sha256hex } from '../lib/ids.ts';
import type { TokenRow } from '../repositories/tokens.ts';
import { recordMutation } from './admin-audit.ts';
import type { Deps } from './deps.ts';

export const SESSION_HOURS = 12;
export const LOGIN_CODE_MINUTES = 15;
const BOOTSTRAP_KEY = 'bootstrap_token_id';

const tokenView = (t: TokenRow): AdminToken => ({
  id: t.id,
  name: t.name,
  role: t.role,
  zone_id: t.zone_id,
  created_by: t.created_by,
  created_at: t.created_at,
  revoked_at: t.revoked_at,
});

export const actorOf = (t: TokenRow, via: Actor['via'], session?: { id: string; expires_at: string }): Actor => ({
  tokenId: t.id,
  name: t.name,
  role: t.role,
  zoneId: t.zone_id,
  via,
  ...(session ? { sessionId: session.id, sessionExpiresAt: session.expires_at } : {}),
});

export const sessionView = (a: Actor): Session => ({
  role: a.role,
  zone_id: a.zoneId,
  token_id: a.tokenId,
  name: a.name,
  expires_at: a.sessionExpiresAt ?? null,
});

export class AuthService {
  constructor(private readonly deps: Deps) {}

  async fromBearer(token: string): Promise<Actor | undefined> {
    const t = await this.deps.repos.tokens.byHash(sha256hex(token));
    return t ? actorOf(t, 'bearer') : undefined;
  }

  async fromSession(secret: string): Promise<Actor | undefined> {
    const t = await this.deps.repos.tokens.sessionByHash(sha256hex(secret), nowIso());
    return t ? actorOf(t, 'session', { id: t.session_id, expires_at: t.expires_at }) : undefined;
  }

  /** Exchanges a one-time code or a pasted token for a session; returns the cookie secret. */
  async login(body: { code: string } | { token: string }, requestId: string): Promise<{ secret: string; actor: Actor }> {
    let token: TokenRow | undefined;
    if ('code' in body) {
      token = await this.deps.db.tx((t) => this.deps.repos.tokens.consumeLoginCode(sha256hex(body.code), nowIso(), t));
    } else {
      token = await this.deps.repos.tokens.byHash(sha256hex(body.token));
    }
    if (!token) throw new ApiError(401, 'invalid_login', 'That login link or token is not valid (unknown, expired, already used or revoked).');
    const secret = randomSecret('ccs_');
    const now = new Date();
    const session = { id: newId(), token_id: token.id, secret_hash: sha256hex(secret), created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() };
    const actor = actorOf(token, 'session', session);
    await this.deps.db.tx(async (t) => {
      await this.deps.repos.tokens.insertSession(session, t);
      await recordMutation(this.deps.repos, t, actor, requestId, { zoneId: token.zone_id, action: 'session.create', entityType: 'session', entityId: session.id, details: { with: 'code' in body ? 'login_code' : 'token' } });
    });
    return { secret, actor };
  }

  async logout(actor: Actor, requestId: string) {
    if (!actor.sessionId) return;
    await this.deps.repos.tokens.revokeSession(actor.sessionId, nowIso());
    await recordMutation(this.deps.repos, this.deps.db, actor, requestId, { zoneId: actor.zoneId, action: 'session.delete', entityType: 'session', entityId: actor.sessionId });
  }

  async createToken(body: { name: string; role: Role; zone_id?: string | null }, actor: Actor, requestId: string, plain?: string): Promise<CreatedAdminToken> {
    let zoneId: string | null = null;
    if (body.zone_id) {
      const z = await this.deps.repos.zones.find(body.zone_id);
      if (!z) throw notFound('zone', 'zone', body.zone_id);
      zoneId = z.id;
    }
    const token = plain ?? randomSecret('cat_');
    const row: TokenRow = { id: newId(), name: body.name, role: body.role, zone_id: zoneId, token_hash: sha256hex(token), created_by: actor.name, created_at: nowIso(), revoked_at: null };
    await this.deps.db.tx(async (t) => {
      await this.deps.repos.tokens.insert(row, t);
      await recordMutation(this.deps.repos, t, actor, requestId, { zoneId, action: 'admin_token.create', entityType: 'admin_token', entityId: row.id, details: { name: row.name, role: row.role } });
    });
    return { ...tokenView(row), token };
  }

  async listTokens(actor: Actor) {
    return { items: (await this.deps.repos.tokens.list(actor.zoneId)).map(tokenView), next_cursor: null };
  }

  async revokeToken(id: string, actor: Actor, requestId: string) {
    const t = await this.deps.repos.tokens.get(id);
    if (!t || (actor.zoneId && t.zone_id !== actor.zoneId)) throw notFound('admin_token', 'admin token', id);
    await this.deps.db.tx(async (q) => {
      await this.deps.repos.tokens.revoke(id, nowIso(), q);
      await recordMutation(this.deps.repos, q, actor, requestId, { zoneId: t.zone_id, action: 'admin_token.revoke', entityType: 'admin_token', entityId: id, details: { name: t.name } });
    });
  }

  /**
   * First start: create the bootstrap admin (or adopt CARACAL_ADMIN_TOKEN) and remember its id.
   * Returns the token only when it was just generated, so it is printed exactly once.
   */
  async bootstrap(envToken: string | undefined): Promise<{ tokenId: string; printToken?: string }> {
    const system: Actor = { tokenId: 'system', name: 'system', role: 'admin', zoneId: null, via: 'bearer' };
    if (envToken) {
      const existing = await this.deps.repos.tokens.byHash(sha256hex(envToken));
      if (existing) return { tokenId: existing.id };
      const t = await this.createToken({ name: 'admin (CARACAL_ADMIN_TOKEN)', role: 'admin' }, system, 'bootstrap', envToken);
      return { tokenId: t.id };
    }
    const known = await this.deps.repos.tokens.getMeta(BOOTSTRAP_KEY);
    if (known) {
      const t = await this.deps.repos.tokens.get(known);
      if (t && !t.revoked_at) return { tokenId: t.id };
    }
    const t = await this.createToken({ name: 'bootstrap admin', role: 'admin' }, system, 'bootstrap');
    await this.deps.repos.tokens.setMeta(BOOTSTRAP_KEY, t.id);
    return { tokenId: t.id, printToken: t.token };
  }

  async loginCode(tokenId: string): Promise<string> {
    const code = randomSecret('');
    const now = new Date();
    await this.deps.repos.tokens.insertLoginCode({ id: newId(), token_id: tokenId, code_hash: sha256hex(code), created_at: now.toISOString(), expires_at: new Date(now.getTime() + LOGIN_CODE_MINUTES * 60_000).toISOString() });
    return code;
  }
}
