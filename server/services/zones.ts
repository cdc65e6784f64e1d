import type { CreateZoneBody, UpdateZoneBody, Zone, ZoneSettings } from '../../contract/index.ts';
import type { Actor } from '../auth/actor.ts';
import { isUniqueViolation } from '../db/types.ts';
import { ApiError } from '../errors.ts';
import { newId, nowIso } from '../lib/ids.ts';
import type { ZoneRow } from '../repositories/zones.ts';
import { recordMutation } from './admin-audit.ts';
import type { Deps } from './deps.ts';

const DEFAULT_SETTINGS: ZoneSettings = { require_activation_approval: false };

export function zoneSettings(z: ZoneRow): ZoneSettings {
  return { ...DEFAULT_SETTINGS, ...(JSON.parse(z.settings_json) as Partial<ZoneSettings>) };
}

export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return s || 'zone';
}

export class ZonesService {
  constructor(private readonly deps: Deps) {}

  async view(z: ZoneRow): Promise<Zone> {
    const a = await this.deps.repos.zones.active(z.id);
    return {
      id: z.id,
      name: z.name,
      slug: z.slug,
      created_at: z.created_at,
      updated_at: z.updated_at,
      settings: zoneSettings(z),
      active: a
        ? { policy_set_id: a.policy_set_id, policy_set_version_id: a.policy_set_version_id, version: a.version, manifest_sha256: a.manifest_sha256 }
        : null,
    };
  }

  async list(actor: Actor) {
    const rows = await this.deps.repos.zones.list(actor.zoneId);
    return { items: await Promise.all(rows.map((z) => this.view(z))), next_cursor: null };
  }

  async create(body: CreateZoneBody, actor: Actor, requestId: string): Promise<Zone> {
    const at = nowIso();
    let slug = body.slug;
    if (!slug) {
      // Derived slugs get a numeric suffix instead of a conflict; explicit ones must be free.
      const base = slugify(body.name);
      slug = base;
      for (let i = 2; await this.deps.repos.zones.bySlug(slug); i++) slug = `${base}-${i}`;
    }
    const row: ZoneRow = { id: newId(), name: body.name, slug, settings_json: JSON.stringify(DEFAULT_SETTINGS), created_at: at, updated_at: at };
    try {
      await this.deps.db.tx(async (t) => {
        await this.deps.repos.zones.insert(row, t);
        await recordMutation(this.deps.repos, t, actor, requestId, { zoneId: row.id, action: 'zone.create', entityType: 'zone', entityId: row.id, details: { name: row.name, slug } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ApiError(409, 'zone_slug_conflict', `A zone with slug "${slug}" already exists.`);
      throw e;
    }
    return this.view(row);
  }

  async update(zone: ZoneRow, body: UpdateZoneBody, actor: Actor, requestId: string): Promise<Zone> {
    const settings = { ...zoneSettings(zone), ...(body.settings ?? {}) };
    const name = body.name ?? zone.name;
    const at = nowIso();
    await this.deps.db.tx(async (t) => {
      await this.deps.repos.zones.update(zone.id, name, JSON.stringify(settings), at, t);
      await recordMutation(this.deps.repos, t, actor, requestId, { zoneId: zone.id, action: 'zone.update', entityType: 'zone', entityId: zone.id, details: { ...body } });
    });
    return this.view({ ...zone, name, settings_json: JSON.stringify(settings), updated_at: at });
  }
}
