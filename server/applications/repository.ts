// SQL for applications, the STS's clients. Names are unique among a zone's active applications.
import type { Db, Param, Queryable } from '../db/types.ts';
import { decodeCursor, page } from '../lib/cursor.ts';

export interface ApplicationRow {
  id: string;
  zone_id: string;
  name: string;
  client_id: string;
  secret_salt: string;
  secret_hash: string;
  labels_json: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

export class ApplicationsRepo {
  constructor(private readonly db: Db) {}

  async insert(a: ApplicationRow, q: Queryable = this.db) {
    await q.run(
      `INSERT INTO applications (id, zone_id, name, client_id, secret_salt, secret_hash, labels_json, created_by, created_at, updated_at, disabled_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [a.id, a.zone_id, a.name, a.client_id, a.secret_salt, a.secret_hash, a.labels_json, a.created_by, a.created_at, a.updated_at, a.disabled_at],
    );
  }

  async list(zoneId: string, o: { limit: number; cursor?: string; status: 'active' | 'disabled' | 'all' }) {
    const params: Param[] = [zoneId];
    let where = 'zone_id = ?';
    if (o.status === 'active') where += ' AND disabled_at IS NULL';
    if (o.status === 'disabled') where += ' AND disabled_at IS NOT NULL';
    const after = decodeCursor(o.cursor);
    if (after) {
      where += ' AND (created_at < ? OR (created_at = ? AND id < ?))';
      params.push(String(after[0]), String(after[0]), after[1]);
    }
    params.push(o.limit + 1);
    const rows = await this.db.all<ApplicationRow>(
      `SELECT * FROM applications WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`,
      params,
    );
    return page(rows, o.limit, (r) => r.created_at);
  }

  get(zoneId: string, id: string, q: Queryable = this.db) {
    return q.get<ApplicationRow>('SELECT * FROM applications WHERE zone_id = ? AND id = ?', [zoneId, id]);
  }

  byClientId(clientId: string) {
    return this.db.get<ApplicationRow>('SELECT * FROM applications WHERE client_id = ?', [clientId]);
  }

  async updateLabels(zoneId: string, id: string, labelsJson: string, at: string) {
    await this.db.run('UPDATE applications SET labels_json = ?, updated_at = ? WHERE zone_id = ? AND id = ?', [labelsJson, at, zoneId, id]);
  }

  async disable(zoneId: string, id: string, at: string) {
    await this.db.run(
      'UPDATE applications SET disabled_at = ?, updated_at = ? WHERE zone_id = ? AND id = ? AND disabled_at IS NULL',
      [at, at, zoneId, id],
    );
  }
}
