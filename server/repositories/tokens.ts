import type { Db, Queryable } from '../db/types.ts';
import type { Role } from '../../contract/index.ts';

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  zone_id: string | null;
  token_hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

/** Admin tokens, console sessions and one-time login codes. Secrets are stored only as SHA-256. */
export class TokensRepo {
  constructor(private readonly db: Db) {}

  async insert(t: TokenRow, q: Queryable = this.db) {
    await q.run(
      'INSERT INTO admin_tokens (id, name, role, zone_id, token_hash, created_by, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
      [t.id, t.name, t.role, t.zone_id, t.token_hash, t.created_by, t.created_at],
    );
  }

  list(zoneId: string | null) {
    return zoneId
      ? this.db.all<TokenRow>('SELECT * FROM admin_tokens WHERE zone_id = ? ORDER BY created_at DESC, id DESC', [zoneId])
      : this.db.all<TokenRow>('SELECT * FROM admin_tokens ORDER BY created_at DESC, id DESC');
  }

  get(id: string, q: Queryable = this.db) {
    return q.get<TokenRow>('SELECT * FROM admin_tokens WHERE id = ?', [id]);
  }

  /** Live (unrevoked) token by hash: one indexed lookup per request, so revocation is immediate. */
  byHash(hash: string) {
    return this.db.get<TokenRow>('SELECT * FROM admin_tokens WHERE token_hash = ? AND revoked_at IS NULL', [hash]);
  }

  async revoke(id: string, at: string, q: Queryable = this.db) {
    await q.run('UPDATE admin_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
  }

  async insertSession(s: { id: string; token_id: string; secret_hash: string; created_at: string; expires_at: string }, q: Queryable = this.db) {
    await q.run('INSERT INTO sessions (id, token_id, secret_hash, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      s.id, s.token_id, s.secret_hash, s.created_at, s.expires_at,
    ]);
  }

  /** A session counts only while its token is live too: revoking the token ends its sessions. */
  sessionByHash(hash: string, now: string) {
    return this.db.get<TokenRow & { session_id: string; expires_at: string }>(
      `SELECT t.*, s.id AS session_id, s.expires_at FROM sessions s JOIN admin_tokens t ON t.id = s.token_id
        WHERE s.secret_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND t.revoked_at IS NULL`,
      [hash, now],
    );
  }

  async revokeSession(id: string, at: string) {
    await this.db.run('UPDATE sessions SET revoked_at = ? WHERE id = ?', [at, id]);
  }

  async insertLoginCode(c: { id: string; token_id: string; code_hash: string; created_at: string; expires_at: string }) {
    await this.db.run('INSERT INTO login_codes (id, token_id, code_hash, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      c.id, c.token_id, c.code_hash, c.created_at, c.expires_at,
    ]);
  }

  /** Marks the code used and returns its token, or nothing when unknown, used or expired. */
  async consumeLoginCode(hash: string, now: string, q: Queryable) {
    const code = await q.get<{ id: string; token_id: string }>(
      'SELECT id, token_id FROM login_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
      [hash, now],
    );
    if (!code) return undefined;
    const r = await q.run('UPDATE login_codes SET used_at = ? WHERE id = ? AND used_at IS NULL', [now, code.id]);
    if (r.changes !== 1) return undefined;
    return q.get<TokenRow>('SELECT * FROM admin_tokens WHERE id = ? AND revoked_at IS NULL', [code.token_id]);
  }

  async getMeta(key: string) {
    return (await this.db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]))?.value;
  }

  async setMeta(key: string, value: string, q: Queryable = this.db) {
    await q.run('DELETE FROM meta WHERE key = ?', [key]);
    await q.run('INSERT INTO meta (key, value) VALUES (?, ?)', [key, value]);
  }
}
