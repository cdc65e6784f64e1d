import type { Db, Param, Queryable } from '../db/types.ts';
import { decodeCursor, page } from '../lib/cursor.ts';

export interface ActivationRow {
  id: string;
  zone_id: string;
  policy_set_id: string;
  from_version_id: string | null;
  to_version_id: string;
  actor: string;
  actor_token_id: string | null;
  reason: string;
  approved_by: string | null;
  activation_request_id: string | null;
  request_id: string | null;
  occurred_at: string;
}

export interface ActivationRequestRow {
  id: string;
  zone_id: string;
  policy_set_id: string;
  version_id: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string;
  requested_by_token_id: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_by_token_id: string | null;
  decided_at: string | null;
  comment: string | null;
  activation_id: string | null;
}

export class ActivationsRepo {
  constructor(private readonly db: Db) {}

  async insert(a: ActivationRow, q: Queryable) {
    await q.run(
      `INSERT INTO activations (id, zone_id, policy_set_id, from_version_id, to_version_id, actor, actor_token_id, reason,
                                approved_by, activation_request_id, request_id, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [a.id, a.zone_id, a.policy_set_id, a.from_version_id, a.to_version_id, a.actor, a.actor_token_id, a.reason,
       a.approved_by, a.activation_request_id, a.request_id, a.occurred_at],
    );
  }

  async list(zoneId: string, o: { limit: number; cursor?: string }) {
    const params: Param[] = [zoneId];
    let where = 'zone_id = ?';
    const after = decodeCursor(o.cursor);
    if (after) {
      where += ' AND (occurred_at < ? OR (occurred_at = ? AND id < ?))';
      params.push(after[0], after[0], after[1]);
    }
    params.push(o.limit + 1);
    const rows = await this.db.all<ActivationRow>(
      `SELECT * FROM activations WHERE ${where} ORDER BY occurred_at DESC, id DESC LIMIT ?`,
      params,
    );
    return page(rows, o.limit, (r) => r.occurred_at);
  }

  get(id: string, q: Queryable = this.db) {
    return q.get<ActivationRow>('SELECT * FROM activations WHERE id = ?', [id]);
  }

  async insertRequest(r: ActivationRequestRow, q: Queryable = this.db) {
    await q.run(
      `INSERT INTO activation_requests (id, zone_id, policy_set_id, version_id, reason, status, requested_by, requested_by_token_id,
                                        requested_at, decided_by, decided_by_token_id, decided_at, comment, activation_id)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?, NULL, NULL, NULL, NULL, NULL)`,
      [r.id, r.zone_id, r.policy_set_id, r.version_id, r.reason, r.requested_by, r.requested_by_token_id, r.requested_at],
    );
  }

  async listRequests(zoneId: string, o: { limit: number; cursor?: string; status?: string }) {
    const params: Param[] = [zoneId];
    let where = 'zone_id = ?';
    if (o.status) {
      where += ' AND status = ?';
      params.push(o.status);
    }
    const after = decodeCursor(o.cursor);
    if (after) {
      where += ' AND (requested_at < ? OR (requested_at = ? AND id < ?))';
      params.push(after[0], after[0], after[1]);
    }
    params.push(o.limit + 1);
    const rows = await this.db.all<ActivationRequestRow>(
      `SELECT * FROM activation_requests WHERE ${where} ORDER BY requested_at DESC, id DESC LIMIT ?`,
      params,
    );
    return page(rows, o.limit, (r) => r.requested_at);
  }

  async getRequest(zoneId: string, id: string, q: Queryable = this.db) {
    if (q.dialect === 'postgres') {
      return q.get<ActivationRequestRow>('SELECT * FROM activation_requests WHERE zone_id = ? AND id = ? FOR UPDATE', [zoneId, id]);
    }
    return q.get<ActivationRequestRow>('SELECT * FROM activation_requests WHERE zone_id = ? AND id = ?', [zoneId, id]);
  }

  async decideRequest(
    id: string,
    d: { status: 'approved' | 'rejected'; decided_by: string; decided_by_token_id: string | null; decided_at: string; comment: string | null; activation_id: string | null },
    q: Queryable,
  ) {
    const r = await q.run(
      `UPDATE activation_requests SET status = ?, decided_by = ?, decided_by_token_id = ?, decided_at = ?, comment = ?, activation_id = ?
        WHERE id = ? AND status = 'pending'`,
      [d.status, d.decided_by, d.decided_by_token_id, d.decided_at, d.comment, d.activation_id, id],
    );
    return r.changes === 1;
  }
}
