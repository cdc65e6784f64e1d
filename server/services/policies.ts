import {
  SCHEMA_VERSION,
  type CreatePolicyBody,
  type CreatedPolicy,
  type CreatedPolicyVersion,
  type ListPoliciesQuery,
  type PolicyDetail,
  type PolicySummary,
  type PolicyUsage,
  type PolicyVersion,
  type RegoError,
  type ValidateOk,
} from '../../contract/index.ts';
import type { Actor } from '../auth/actor.ts';
import { isUniqueViolation } from '../db/types.ts';
import { EngineCompileFailed, type EngineCompileError } from '../engine/client.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId, nowIso, sha256hex } from '../lib/ids.ts';
import type { PolicyListRow, PolicyVersionRow } from '../repositories/policies.ts';
import type { ZoneRow } from '../repositories/zones.ts';
import { recordMutation } from './admin-audit.ts';
import type { Deps } from './deps.ts';

const toRegoErrors = (errors: EngineCompileError[]): RegoError[] =>
  errors.map((e) => ({ row: e.row, col: e.col, code: e.code, message: e.message }));

/** 422 invalid_rego: the first error in the sentence, all of them in `errors`. */
export function invalidRego(errors: EngineCompileError[]) {
  const first = errors[0];
  const where = first ? ` (line ${first.row}, column ${first.col}: ${first.message})` : '';
  const more = errors.length > 1 ? ` and ${errors.length - 1} more error${errors.length > 2 ? 's' : ''}` : '';
  return new ApiError(422, 'invalid_rego', `The Rego does not compile${where}${more}.`, { valid: false, errors: toRegoErrors(errors) });
}

const summary = (p: PolicyListRow): PolicySummary => ({
  id: p.id,
  zone_id: p.zone_id,
  name: p.name,
  description: p.description,
  created_by: p.created_by,
  created_at: p.created_at,
  updated_at: p.updated_at,
  latest_version: p.latest_version,
  in_active_set: Number(p.in_active_set) === 1,
});

export const versionView = (v: PolicyVersionRow): PolicyVersion => ({
  id: v.id,
  policy_id: v.policy_id,
  version: v.version,
  content: v.content,
  content_sha256: v.content_sha256,
  schema_version: v.schema_version,
  created_by: v.created_by,
  created_at: v.created_at,
});

export class PoliciesService {
  constructor(private readonly deps: Deps) {}

  /** The real OPA compile of one draft module, zone-independent. */
  async validate(content: string): Promise<ValidateOk> {
    const r = await this.deps.engine.client.compile([{ id: 'draft', policy: 'draft', content }]);
    if (!r.ok) throw invalidRego(r.errors);
    const mod = r.modules[0];
    return { valid: true, package: mod?.package ?? '', rules: mod?.rules ?? [], warnings: toRegoErrors(r.warnings ?? []) };
  }

  async format(content: string) {
    try {
      return await this.deps.engine.client.format(content);
    } catch (e) {
      if (e instanceof EngineCompileFailed) throw invalidRego(e.errors);
      throw e;
    }
  }

  async test(content: string) {
    try {
      const r = await this.deps.engine.client.test([{ id: 'draft', policy: 'draft', content }]);
      const cov = r.coverage[0];
      return {
        tests: r.tests.map((t) => ({
          name: t.name,
          status: t.status,
          location: t.location,
          duration_ms: t.duration_ms,
          ...(t.message ? { message: t.message } : {}),
        })),
        coverage: { covered: cov?.covered ?? [], not_covered: cov?.not_covered ?? [], percent: cov?.percent ?? 0 },
        passed: r.passed,
        failed: r.failed,
        errored: r.errored,
      };
    } catch (e) {
      if (e instanceof EngineCompileFailed) throw invalidRego(e.errors);
      throw e;
    }
  }

  list(zone: ZoneRow, q: ListPoliciesQuery) {
    return this.deps.repos.policies.list(zone.id, q).then((p) => ({ items: p.items.map(summary), next_cursor: p.next_cursor }));
  }

  private async find(zone: ZoneRow, id: string) {
    const p = await this.deps.repos.policies.get(zone.id, id);
    if (!p) throw notFound('policy', 'policy', id);
    return p;
  }

  async get(zone: ZoneRow, id: string): Promise<PolicyDetail> {
    const p = await this.find(zone, id);
    const versions = await this.deps.repos.policies.versions(p.id);
    return { ...summary(p), versions: versions.map(versionView) };
  }

  async getVersion(zone: ZoneRow, id: string, versionId: string): Promise<PolicyVersion> {
    const p = await this.find(zone, id);
    const v = await this.deps.repos.policies.version(p.id, versionId);
    if (!v) throw notFound('policy_version', 'policy version', versionId);
    return versionView(v);
  }

  async usage(zone: ZoneRow, id: string): Promise<PolicyUsage> {
    const p = await this.find(zone, id);
    const rows = await this.deps.repos.policies.usage(p.id);
    return { items: rows.map((r) => ({ ...r, active: Number(r.active) === 1 })) };
  }

  async create(zone: ZoneRow, body: CreatePolicyBody, actor: Actor, requestId: string): Promise<CreatedPolicy> {
    await this.validate(body.content);
    const at = nowIso();
    const policyId = newId();
    const version: PolicyVersionRow = {
      id: newId(),
      policy_id: policyId,
      zone_id: zone.id,
      version: 1,
      content: body.content,
      content_sha256: sha256hex(body.content),
      schema_version: SCHEMA_VERSION,
      created_by: actor.name,
      created_at: at,
    };
    try {
      await this.deps.db.tx(async (t) => {
        await this.deps.repos.policies.insert(
          { id: policyId, zone_id: zone.id, name: body.name, description: body.description ?? '', created_by: actor.name, created_at: at, updated_at: at, latest_version: 0, archived_at: null },
          t,
        );
        await this.deps.repos.policies.insertVersion(version, t);
        await recordMutation(this.deps.repos, t, actor, requestId, {
          zoneId: zone.id, action: 'policy.create', entityType: 'policy', entityId: policyId,
          details: { name: body.name, version_id: version.id, content_sha256: version.content_sha256 },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ApiError(409, 'policy_name_conflict', `A policy named "${body.name}" already exists in this zone.`);
      throw e;
    }
    return {
      id: policyId,
      version_id: version.id,
      zone_id: zone.id,
      name: body.name,
      description: body.description ?? '',
      version: { id: version.id, policy_id: policyId, version: 1, content_sha256: version.content_sha256, schema_version: SCHEMA_VERSION, created_at: at },
    };
  }

  async addVersion(zone: ZoneRow, id: string, content: string, actor: Actor, requestId: string): Promise<CreatedPolicyVersion> {
    const p = await this.find(zone, id);
    await this.validate(content);
    const at = nowIso();
    const v = await this.deps.db.tx(async (t) => {
      await this.deps.repos.policies.lock(p.id, t);
      const current = await this.deps.repos.policies.get(zone.id, p.id, t);
      if (!current) throw notFound('policy', 'policy', id);
      const row: PolicyVersionRow = {
        id: newId(), policy_id: p.id, zone_id: zone.id, version: current.latest_version + 1, content,
        content_sha256: sha256hex(content), schema_version: SCHEMA_VERSION, created_by: actor.name, created_at: at,
      };
      await this.deps.repos.policies.insertVersion(row, t);
      await recordMutation(this.deps.repos, t, actor, requestId, {
        zoneId: zone.id, action: 'policy.version.create', entityType: 'policy_version', entityId: row.id,
        details: { policy_id: p.id, version: row.version, content_sha256: row.content_sha256 },
      });
      return row;
    });
    return { id: v.id, version_id: v.id, policy_id: p.id, version: v.version, content_sha256: v.content_sha256, schema_version: SCHEMA_VERSION, created_at: at };
  }

  async archive(zone: ZoneRow, id: string, actor: Actor, requestId: string) {
    const p = await this.find(zone, id);
    await this.deps.db.tx(async (t) => {
      await this.deps.repos.zones.lock(zone.id, t);
      const again = await this.deps.repos.policies.get(zone.id, p.id, t);
      if (!again) throw notFound('policy', 'policy', id);
      if (Number(again.in_active_set) === 1) {
        throw new ApiError(409, 'policy_in_active_set', `Policy "${p.name}" is part of the zone's active policy-set version; activate a version without it first.`);
      }
      await this.deps.repos.policies.archive(p.id, nowIso(), t);
      await recordMutation(this.deps.repos, t, actor, requestId, { zoneId: zone.id, action: 'policy.archive', entityType: 'policy', entityId: p.id, details: { name: p.name } });
    });
  }
}
