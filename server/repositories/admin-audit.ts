import type { Db, Param, Queryable } from '../db/types.ts';
import { decodeCursor, page } from '../lib/cursor.ts';

export interface AdminAuditRow {
  id: string;
  zone_id: string | null;
  actor: string;
  actor_token_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  status: 'succeeded' | 'denied';
  request_id: string;
  details_json: string;
  occurred_at: string;
}

export class AdminAuditRepo {
  constructor(private readonly db: Db) {}

  async insert(r: AdminAuditRow, q: Queryable = this.db) {
    await q.run(
      `INSERT INTO admin_audit (id, zone_id, actor, actor_token_id, action, entity_type, entity_id, status, request_id, details_json, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.zone_id, r.actor, r.actor_token_id, r.action, r.entity_type, r.entity_id, r.status, r.request_id, r.details_json, r.occurred_at],
    );
  }

  async list(zoneId: string, o: { limit: number; cursor?: string; action?: string }) {
    const params: Param[] = [zoneId];
    let where = 'zone_id = ?';
    if (o.action) {
      where += ' AND action = ?';
      params.push(o.action);
    }
    const after = decodeCursor(o.cursor);
    if (after) {
      where += ' AND (occurred_at < ? OR (occurred_at = ? AND id < ?))';
      params.push(after[0], after[0], after[1]);
    }
    params.push(o.limit + 1);
    const rows = await this.db.all<AdminAuditRow>(
      `SELECT * FROM admin_audit WHERE ${where} ORDER BY occurred_at DESC, id DESC LIMIT ?`,
      params,
    );
    return page(rows, o.limit, (r) => r.occurred_at);
  }
}
