import type { Db, Param, Queryable } from '../db/types.ts';
import { decodeCursor, page } from '../lib/cursor.ts';

export interface PolicySetRow {
  id: string;
  zone_id: string;
  name: string;
  description: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  latest_version: number;
  archived_at: string | null;
}
export interface PolicySetListRow extends PolicySetRow {
  active_version_id: string | null;
  active_version: number | null;
  active_manifest_sha256: string | null;
  activated_at: string | null;
  activated_by: string | null;
  /** When the set last became the zone's active set (null: never). */
  last_activated_at: string | null;
}
export interface PolicySetVersionRow {
  id: string;
  policy_set_id: string;
  zone_id: string;
  version: number;
  manifest_json: string;
  manifest_sha256: string;
  schema_version: string;
  created_by: string;
  created_at: string;
}
export interface EntryRow {
  policy_set_version_id: string;
  position: number;
  policy_version_id: string;
  policy_id: string;
  policy: string;
  version: number;
  content: string;
}

const WITH_ACTIVE = `SELECT s.*, ap.policy_set_version_id AS active_version_id, av.version AS active_version,
       av.manifest_sha256 AS active_manifest_sha256, ap.activated_at, ap.activated_by,
       (SELECT MAX(a.occurred_at) FROM activations a WHERE a.zone_id = s.zone_id AND a.policy_set_id = s.id) AS last_activated_at
  FROM policy_sets s
  LEFT JOIN active_pointers ap ON ap.zone_id = s.zone_id AND ap.policy_set_id = s.id
  LEFT JOIN policy_set_versions av ON av.id = ap.policy_set_version_id`;

export class PolicySetsRepo {
  constructor(private readonly db: Db) {}

  async list(zoneId: string, o: { limit: number; cursor?: string }) {
    const params: Param[] = [zoneId];
    let where = 's.zone_id = ? AND s.archived_at IS NULL';
    const after = decodeCursor(o.cursor);
    if (after) {
      where += ' AND (s.created_at < ? OR (s.created_at = ? AND s.id < ?))';
      params.push(after[0], after[0], after[1]);
    }
    params.push(o.limit + 1);
    const rows = await this.db.all<PolicySetListRow>(
      `${WITH_ACTIVE} WHERE ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT ?`,
      params,
    );
    return page(rows, o.limit, (r) => r.created_at);
  }

  get(zoneId: string, id: string, q: Queryable = this.db) {
    return q.get<PolicySetListRow>(`${WITH_ACTIVE} WHERE s.zone_id = ? AND s.id = ? AND s.archived_at IS NULL`, [zoneId, id]);
  }

  async insert(s: PolicySetRow, q: Queryable = this.db) {
    await q.run(
      `INSERT INTO policy_sets (id, zone_id, name, description, created_by, created_at, updated_at, latest_version, archived_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL)`,
      [s.id, s.zone_id, s.name, s.description, s.created_by, s.created_at, s.updated_at],
    );
  }

  async lock(id: string, q: Queryable) {
    if (q.dialect === 'postgres') await q.get('SELECT id FROM policy_sets WHERE id = ? FOR UPDATE', [id]);
  }

  async nextVersion(id: string, q: Queryable) {
    const r = await q.get<{ latest_version: number }>('SELECT latest_version FROM policy_sets WHERE id = ?', [id]);
    return (r?.latest_version ?? 0) + 1;
  }

  async insertVersion(v: PolicySetVersionRow, entries: { policy_version_id: string; policy_id: string }[], q: Queryable) {
    await q.run(
      `INSERT INTO policy_set_versions (id, policy_set_id, zone_id, version, manifest_json, manifest_sha256, schema_version, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [v.id, v.policy_set_id, v.zone_id, v.version, v.manifest_json, v.manifest_sha256, v.schema_version, v.created_by, v.created_at],
    );
    let position = 0;
    for (const e of entries) {
      await q.run(
        'INSERT INTO policy_set_version_entries (policy_set_version_id, position, policy_version_id, policy_id, zone_id) VALUES (?, ?, ?, ?, ?)',
        [v.id, position++, e.policy_version_id, e.policy_id, v.zone_id],
      );
    }
    await q.run('UPDATE policy_sets SET latest_version = ?, updated_at = ? WHERE id = ?', [v.version, v.created_at, v.policy_set_id]);
  }

  async versions(setId: string, o: { limit: number; cursor?: string }) {
    const params: Param[] = [setId];
    let where = 'policy_set_id = ?';
    const after = decodeCursor(o.cursor);
    if (after) {
      where += ' AND version < ?';
      params.push(Number(after[0]));
    }
    params.push(o.limit + 1);
    const rows = await this.db.all<PolicySetVersionRow>(
      `SELECT * FROM policy_set_versions WHERE ${where} ORDER BY version DESC LIMIT ?`,
      params,
    );
    return page(rows, o.limit, (r) => r.version);
  }

  version(setId: string, versionId: string, q: Queryable = this.db) {
    return q.get<PolicySetVersionRow>('SELECT * FROM policy_set_versions WHERE policy_set_id = ? AND id = ?', [setId, versionId]);
  }

  versionById(versionId: string, q: Queryable = this.db) {
    return q.get<PolicySetVersionRow>('SELECT * FROM policy_set_versions WHERE id = ?', [versionId]);
  }

  countVersions(setId: string) {
    return this.db
      .get<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM policy_set_versions WHERE policy_set_id = ?', [setId])
      .then((r) => r?.n ?? 0);
  }

  /** The manifest's policies in manifest order, with content: what the engine compiles. */
  entries(versionIds: string[], q: Queryable = this.db) {
    if (versionIds.length === 0) return Promise.resolve([] as EntryRow[]);
    return q.all<EntryRow>(
      `SELECT e.policy_set_version_id, e.position, e.policy_version_id, e.policy_id, p.name AS policy, v.version, v.content
         FROM policy_set_version_entries e
         JOIN policy_versions v ON v.id = e.policy_version_id
         JOIN policies p ON p.id = e.policy_id
        WHERE e.policy_set_version_id IN (${versionIds.map(() => '?').join(', ')})
        ORDER BY e.policy_set_version_id, e.position`,
      versionIds,
    );
  }
}
