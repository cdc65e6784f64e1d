// Application rules: unique live names per zone, secret shown once, labels replaced whole,
// DELETE disables (the row stays so audit events keep naming it). Mutations land in the admin audit.
import type { Application, CreatedApplication, CreateApplicationBody, UpdateApplicationBody } from '../../contract/applications.ts';
import type { Actor } from '../auth/actor.ts';
import { isUniqueViolation } from '../db/types.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId, nowIso } from '../lib/ids.ts';
import { recordMutation } from '../services/admin-audit.ts';
import type { Deps } from '../services/deps.ts';
import { generateClientId, generateClientSecret } from './client-secret.ts';
import type { ApplicationRow, ApplicationsRepo } from './repository.ts';

export function applicationView(r: ApplicationRow): Application {
  return {
    id: r.id,
    zone_id: r.zone_id,
    name: r.name,
    client_id: r.client_id,
    labels: JSON.parse(r.labels_json) as string[],
    status: r.disabled_at ? 'disabled' : 'active',
    created_by: r.created_by,
    created_at: r.created_at,
    updated_at: r.updated_at,
    disabled_at: r.disabled_at,
  };
}

export class ApplicationsService {
  constructor(
    private readonly deps: Deps,
    private readonly apps: ApplicationsRepo,
  ) {}

  async create(zoneId: string, body: { name: string; labels: string[] }, actor: Actor, requestId: string): Promise<CreatedApplication> {
    const at = nowIso();
    const { secret, salt, hash } = generateClientSecret();
    const row: ApplicationRow = {
      id: newId(),
      zone_id: zoneId,
      name: body.name,
      client_id: generateClientId(),
      secret_salt: salt,
      secret_hash: hash,
      labels_json: JSON.stringify(body.labels),
      created_by: actor.name,
      created_at: at,
      updated_at: at,
      disabled_at: null,
    };
    try {
      await this.deps.db.tx(async (t) => {
        await this.apps.insert(row, t);
        await recordMutation(this.deps.repos, t, actor, requestId, {
          zoneId, action: 'application.create', entityType: 'application', entityId: row.id, details: { name: row.name, labels: body.labels },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ApiError(409, 'application_name_conflict', `An active application named "${body.name}" already exists in this zone.`);
      }
      throw err;
    }
    return { ...applicationView(row), client_secret: secret };
  }

  async list(zoneId: string, q: { limit: number; cursor?: string; status: 'active' | 'disabled' | 'all' }) {
    const page = await this.apps.list(zoneId, q);
    return { items: page.items.map(applicationView), next_cursor: page.next_cursor };
  }

  async get(zoneId: string, id: string): Promise<Application> {
    const row = await this.apps.get(zoneId, id);
    if (!row) throw notFound('application', 'application', id);
    return applicationView(row);
  }

  async updateLabels(zoneId: string, id: string, body: UpdateApplicationBody, actor: Actor, requestId: string): Promise<Application> {
    const row = await this.apps.get(zoneId, id);
    if (!row) throw notFound('application', 'application', id);
    const at = nowIso();
    await this.deps.db.tx(async (t) => {
      await t.run('UPDATE applications SET labels_json = ?, updated_at = ? WHERE zone_id = ? AND id = ?', [JSON.stringify(body.labels), at, zoneId, id]);
      await recordMutation(this.deps.repos, t, actor, requestId, {
        zoneId, action: 'application.update', entityType: 'application', entityId: id, details: { labels: body.labels },
      });
    });
    return applicationView({ ...row, labels_json: JSON.stringify(body.labels), updated_at: at });
  }

  async disable(zoneId: string, id: string, actor: Actor, requestId: string): Promise<void> {
    const row = await this.apps.get(zoneId, id);
    if (!row) throw notFound('application', 'application', id);
    if (row.disabled_at) return;
    const at = nowIso();
    await this.deps.db.tx(async (t) => {
      await t.run('UPDATE applications SET disabled_at = ?, updated_at = ? WHERE zone_id = ? AND id = ? AND disabled_at IS NULL', [at, at, zoneId, id]);
      await recordMutation(this.deps.repos, t, actor, requestId, {
        zoneId, action: 'application.disable', entityType: 'application', entityId: id, details: { name: row.name },
      });
    });
  }
}

export type { CreateApplicationBody };
