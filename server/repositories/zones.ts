import type { Db, Queryable } from '../db/types.ts';

export interface ZoneRow {
  id: string;
  name: string;
  slug: string;
  settings_json: string;
  created_at: string;
  updated_at: string;
}

export interface ActiveRow {
  zone_id: string;
  policy_set_id: string;
  policy_set_version_id: string;
  version: number;
  manifest_sha256: string;
  activation_id: string;
  activated_at: string;
  activated_by: string;
}

export class ZonesRepo {
  constructor(private readonly db: Db) {}

  list(onlyZoneId: string | null, q: Queryable = this.db) {
    return onlyZoneId
      ? q.all<ZoneRow>('SELECT * FROM zones WHERE id = ? ORDER BY created_at DESC, id DESC', [onlyZoneId])
      : q.all<ZoneRow>('SELECT * FROM zones ORDER BY created_at DESC, id DESC');
  }

  /** By id, or by slug so people can type `/v1/zones/demo/...`. */
  find(idOrSlug: string, q: Queryable = this.db) {
    return q.get<ZoneRow>('SELECT * FROM zones WHERE id = ? OR slug = ? ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END LIMIT 1', [
      idOrSlug,
      idOrSlug,
      idOrSlug,
    ]);
  }

  bySlug(slug: string, q: Queryable = this.db) {
    return q.get<ZoneRow>('SELECT * FROM zones WHERE slug = ?', [slug]);
  }

  async insert(z: ZoneRow, q: Queryable = this.db) {
    await q.run(
      'INSERT INTO zones (id, name, slug, settings_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      [z.id, z.name, z.slug, z.settings_json, z.created_at, z.updated_at],
    );
  }

  async update(id: string, name: string, settingsJson: string, at: string, q: Queryable = this.db) {
    await q.run('UPDATE zones SET name = ?, settings_json = ?, updated_at = ? WHERE id = ?', [name, settingsJson, at, id]);
  }

  /** Serialises activations of one zone on PostgreSQL (SQLite transactions are already exclusive). */
  async lock(id: string, q: Queryable) {
    if (q.dialect === 'postgres') await q.get('SELECT id FROM zones WHERE id = ? FOR UPDATE', [id]);
  }

  active(zoneId: string, q: Queryable = this.db) {
    return q.get<ActiveRow>(
      `SELECT a.zone_id, a.policy_set_id, a.policy_set_version_id, v.version, v.manifest_sha256,
              a.activation_id, a.activated_at, a.activated_by
         FROM active_pointers a JOIN policy_set_versions v ON v.id = a.policy_set_version_id
        WHERE a.zone_id = ?`,
      [zoneId],
    );
  }

  allActive(q: Queryable = this.db) {
    return q.all<ActiveRow>(
      `SELECT a.zone_id, a.policy_set_id, a.policy_set_version_id, v.version, v.manifest_sha256,
              a.activation_id, a.activated_at, a.activated_by
         FROM active_pointers a JOIN policy_set_versions v ON v.id = a.policy_set_version_id`,
    );
  }

  async setActive(
    p: { zone_id: string; policy_set_id: string; policy_set_version_id: string; activation_id: string; activated_at: string; activated_by: string },
    existingPointer: boolean,
    q: Queryable,
  ) {
    if (existingPointer) {
      await q.run(
        `UPDATE active_pointers SET policy_set_id = ?, policy_set_version_id = ?, activation_id = ?, activated_at = ?, activated_by = ?
          WHERE zone_id = ?`,
        [p.policy_set_id, p.policy_set_version_id, p.activation_id, p.activated_at, p.activated_by, p.zone_id],
      );
    } else {
      await q.run(
        `INSERT INTO active_pointers (id, zone_id, policy_set_id, policy_set_version_id, activation_id, activated_at, activated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [p.activation_id, p.zone_id, p.policy_set_id, p.policy_set_version_id, p.activation_id, p.activated_at, p.activated_by],
      );
    }
  }
}
