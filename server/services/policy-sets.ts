import {
  SCHEMA_VERSION,
  type CreatePolicySetBody,
  type CreatePolicySetVersionBody,
  type CreatedPolicySetVersion,
  type DecisionResult,
  type ExplainLevel,
  type ImpactResponse,
  type PolicySet,
  type PolicySetVersion,
  type SimulateResponse,
} from '../../contract/index.ts';
import type { Actor } from '../auth/actor.ts';
import { isUniqueViolation } from '../db/types.ts';
import { EngineCompileFailed, toBundleErrors, type EngineModule } from '../engine/client.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId, nowIso, sha256hex } from '../lib/ids.ts';
import type { PolicySetListRow, PolicySetVersionRow } from '../repositories/policy-sets.ts';
import { toSimulationRun } from '../repositories/simulation-runs.ts';
import type { ZoneRow } from '../repositories/zones.ts';
import { recordMutation } from './admin-audit.ts';
import type { Bundles } from './bundles.ts';
import type { Deps } from './deps.ts';
import { decisionSentence, inputWarnings } from './simulation-text.ts';

/** manifest_sha256 per the decision contract: compact JSON in submission order. */
export function manifestSha256(ids: string[]): string {
  return sha256hex(JSON.stringify(ids.map((id) => ({ policy_version_id: id }))));
}

export function invalidBundle(e: EngineCompileFailed) {
  const errors = toBundleErrors(e.errors);
  const first = errors[0];
  const where = first ? `: policy "${first.policy}" line ${first.row}, column ${first.col}: ${first.message}` : '';
  return new ApiError(422, 'invalid_policy_bundle', `The policies of this set do not compile together${where}.`, { errors });
}

export class PolicySetsService {
  constructor(private readonly deps: Deps, private readonly bundles: Bundles) {}

  private async view(s: PolicySetListRow): Promise<PolicySet> {
    return {
      id: s.id,
      zone_id: s.zone_id,
      name: s.name,
      description: s.description,
      created_by: s.created_by,
      created_at: s.created_at,
      updated_at: s.updated_at,
      active_version_id: s.active_version_id,
      active_version:
        s.active_version_id && s.active_version !== null
          ? { id: s.active_version_id, version: s.active_version, manifest_sha256: s.active_manifest_sha256 ?? '', activated_at: s.activated_at ?? '', activated_by: s.activated_by ?? '' }
          : null,
      version_count: s.latest_version,
      last_activated_at: s.last_activated_at,
    };
  }

  async list(zone: ZoneRow, q: { limit: number; cursor?: string }) {
    const p = await this.deps.repos.sets.list(zone.id, q);
    return { items: await Promise.all(p.items.map((s) => this.view(s))), next_cursor: p.next_cursor };
  }

  async find(zone: ZoneRow, id: string) {
    const s = await this.deps.repos.sets.get(zone.id, id);
    if (!s) throw notFound('policy_set', 'policy set', id);
    return s;
  }

  async get(zone: ZoneRow, id: string) {
    return this.view(await this.find(zone, id));
  }

  async findVersion(zone: ZoneRow, setId: string, versionId: string) {
    const s = await this.find(zone, setId);
    const v = await this.deps.repos.sets.version(s.id, versionId);
    if (!v) throw notFound('policy_set_version', 'version of this policy set', versionId);
    return { set: s, version: v };
  }

  async create(zone: ZoneRow, body: CreatePolicySetBody, actor: Actor, requestId: string): Promise<PolicySet> {
    const at = nowIso();
    const id = newId();
    try {
      await this.deps.db.tx(async (t) => {
        await this.deps.repos.sets.insert(
          { id, zone_id: zone.id, name: body.name, description: body.description ?? '', created_by: actor.name, created_at: at, updated_at: at, latest_version: 0, archived_at: null },
          t,
        );
        await recordMutation(this.deps.repos, t, actor, requestId, { zoneId: zone.id, action: 'policy_set.create', entityType: 'policy_set', entityId: id, details: { name: body.name } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ApiError(409, 'policy_set_name_conflict', `A policy set named "${body.name}" already exists in this zone.`);
      throw e;
    }
    return this.get(zone, id);
  }

  private async versionView(v: PolicySetVersionRow): Promise<PolicySetVersion> {
    const entries = await this.deps.repos.sets.entries([v.id]);
    return {
      id: v.id,
      policy_set_id: v.policy_set_id,
      version: v.version,
      manifest_json: JSON.parse(v.manifest_json) as { policy_version_id: string }[],
      manifest_sha256: v.manifest_sha256,
      policies: entries.map((e) => ({ policy_version_id: e.policy_version_id, policy_id: e.policy_id, policy: e.policy, version: e.version })),
      created_by: v.created_by,
      created_at: v.created_at,
    };
  }

  async versions(zone: ZoneRow, setId: string, q: { limit: number; cursor?: string }) {
    const s = await this.find(zone, setId);
    const p = await this.deps.repos.sets.versions(s.id, q);
    return { items: await Promise.all(p.items.map((v) => this.versionView(v))), next_cursor: p.next_cursor };
  }

  async version(zone: ZoneRow, setId: string, versionId: string) {
    const { version } = await this.findVersion(zone, setId, versionId);
    return this.versionView(version);
  }

  /** The manifest's modules after the checks every manifest passes (no duplicates, all in this zone, one version per policy). */
  private async manifestModules(zone: ZoneRow, ids: string[]) {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) throw new ApiError(422, 'invalid_manifest', `Policy version "${id}" appears more than once in the manifest.`);
      seen.add(id);
    }
    const rows = await this.deps.repos.policies.versionsInZone(zone.id, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw new ApiError(404, 'policy_version_not_found', `No policy version with id "${missing}" exists in this zone.`);
    const policies = new Set<string>();
    for (const r of rows) {
      if (policies.has(r.policy_id)) {
        throw new ApiError(422, 'invalid_manifest', `The manifest names two versions of policy "${r.policy_name}"; a set holds one version of each policy.`);
      }
      policies.add(r.policy_id);
    }
    const modules: EngineModule[] = ids.map((id) => {
      const r = byId.get(id)!;
      return { id: r.id, policy: r.policy_name, policy_id: r.policy_id, policy_version_id: r.id, version: r.version, content: r.content };
    });
    return { modules, byId };
  }

  /** Compiles a draft manifest without storing anything (the console's compile check while composing). */
  async checkManifest(zone: ZoneRow, setId: string, body: CreatePolicySetVersionBody): Promise<{ valid: true; manifest_sha256: string }> {
    await this.find(zone, setId);
    const ids = body.manifest.map((m) => m.policy_version_id);
    const { modules } = await this.manifestModules(zone, ids);
    const r = await this.deps.engine.client.compile(modules);
    if (!r.ok) throw invalidBundle(new EngineCompileFailed(r.errors));
    return { valid: true, manifest_sha256: manifestSha256(ids) };
  }

  async addVersion(zone: ZoneRow, setId: string, body: CreatePolicySetVersionBody, actor: Actor, requestId: string): Promise<CreatedPolicySetVersion> {
    const set = await this.find(zone, setId);
    const ids = body.manifest.map((m) => m.policy_version_id);
    const { modules, byId } = await this.manifestModules(zone, ids);
    const sha = manifestSha256(ids);
    try {
      await this.deps.engine.client.loadBundle(sha, modules);
    } catch (e) {
      if (e instanceof EngineCompileFailed) throw invalidBundle(e);
      throw e;
    }
    const at = nowIso();
    const v = await this.deps.db.tx(async (t) => {
      await this.deps.repos.sets.lock(set.id, t);
      const row: PolicySetVersionRow = {
        id: newId(), policy_set_id: set.id, zone_id: zone.id, version: await this.deps.repos.sets.nextVersion(set.id, t),
        manifest_json: JSON.stringify(ids.map((id) => ({ policy_version_id: id }))), manifest_sha256: sha,
        schema_version: SCHEMA_VERSION, created_by: actor.name, created_at: at,
      };
      await this.deps.repos.sets.insertVersion(row, ids.map((id) => ({ policy_version_id: id, policy_id: byId.get(id)!.policy_id })), t);
      await recordMutation(this.deps.repos, t, actor, requestId, {
        zoneId: zone.id, action: 'policy_set.version.create', entityType: 'policy_set_version', entityId: row.id,
        details: { policy_set_id: set.id, version: row.version, manifest_sha256: sha },
      });
      return row;
    });
    return { id: v.id, version_id: v.id, policy_set_id: set.id, version: v.version, manifest_sha256: sha, schema_version: SCHEMA_VERSION, created_at: at };
  }

  /** Dry-runs a stored version and keeps a record of the run (without the trace) as activation evidence. */
  async simulate(zone: ZoneRow, setId: string, body: { version_id: string; input?: unknown; explain: ExplainLevel }, actor: Actor): Promise<SimulateResponse> {
    const r = await this.runSimulation(zone, setId, body);
    await this.deps.repos.simulations.insert({
      id: newId(),
      zone_id: zone.id,
      policy_set_id: r.policy_set_id,
      version_id: r.version_id,
      ran_by: actor.name,
      ran_at: nowIso(),
      would_activate: r.would_activate,
      evaluation: r.explanation.evaluation,
      decision: r.result?.decision ?? null,
      reason: r.explanation.reason,
      warnings_json: JSON.stringify(r.warnings),
      input_json: body.input === undefined ? null : JSON.stringify(body.input),
      result_json: r.result ? JSON.stringify(r.result) : null,
    });
    return r;
  }

  /** The version's recent simulations, newest first. */
  async simulations(zone: ZoneRow, setId: string, versionId: string, limit: number) {
    await this.findVersion(zone, setId, versionId);
    const rows = await this.deps.repos.simulations.latest(zone.id, versionId, limit);
    return { items: rows.map(toSimulationRun) };
  }

  private async runSimulation(zone: ZoneRow, setId: string, body: { version_id: string; input?: unknown; explain: ExplainLevel }): Promise<SimulateResponse> {
    const { set, version } = await this.findVersion(zone, setId, body.version_id);
    const entries = JSON.parse(version.manifest_json) as { policy_version_id: string }[];
    const hasInput = body.input !== undefined;
    const warnings = hasInput ? inputWarnings(body.input, zone.id) : [];
    const schemaVersion = hasInput && isObject(body.input) && typeof body.input.schema_version === 'string' ? body.input.schema_version : null;
    const base = {
      dry_run: true as const,
      policy_set_id: set.id,
      version_id: version.id,
      schema_version: SCHEMA_VERSION,
      input_schema_version: schemaVersion,
      manifest_sha256: version.manifest_sha256,
      policies: entries.map((e) => e.policy_version_id),
      warnings,
    };
    try {
      if (!hasInput) {
        await this.bundles.ensureLoaded(version);
        return {
          ...base,
          would_activate: true,
          explanation: { evaluation: 'not_executed', reason: 'No input was given, so nothing was evaluated; the version compiles and could be activated.', policy_set_version_id: version.id, manifest_sha256: version.manifest_sha256 },
          result: null,
          metrics: { eval_ms: 0 },
        };
      }
      const r = await this.bundles.evaluate(version, body.input, body.explain);
      const complete = r.result.evaluation_status === 'complete';
      return {
        ...base,
        would_activate: complete && warnings.length === 0,
        explanation: {
          evaluation: complete ? 'executed' : 'failed',
          reason: decisionSentence(r.result, warnings),
          decision: r.result.decision,
          policy_set_version_id: version.id,
          manifest_sha256: version.manifest_sha256,
          ...(r.trace ? { trace: r.trace } : {}),
          ...(r.truncated !== undefined ? { truncated: r.truncated } : {}),
        },
        result: r.result,
        metrics: { eval_ms: r.metrics?.eval_ms ?? 0 },
      };
    } catch (e) {
      if (!(e instanceof EngineCompileFailed)) throw e;
      const errors = toBundleErrors(e.errors);
      const first = errors[0];
      return {
        ...base,
        would_activate: false,
        explanation: {
          evaluation: 'failed',
          reason: `The version does not compile${first ? ` (policy "${first.policy}" line ${first.row}: ${first.message})` : ''}, so it was not evaluated and cannot be activated.`,
          errors,
        },
        result: null,
        metrics: { eval_ms: 0 },
      };
    }
  }

  /**
   * Replays the zone's recorded inputs against the candidate and compares with what the active
   * version decides. A decision recorded cleanly by the active version itself is reused as is: the
   * contract makes (version, input) deterministic, so re-evaluating it would only double the work.
   */
  async impact(zone: ZoneRow, setId: string, versionId: string, body: { limit: number; since?: string }): Promise<ImpactResponse> {
    const { version } = await this.findVersion(zone, setId, versionId);
    const active = await this.deps.repos.zones.active(zone.id);
    const baselineId = active?.policy_set_version_id ?? null;
    const recorded = await this.deps.repos.recorded.recent(zone.id, body);
    const out: ImpactResponse = { baseline_version_id: baselineId, evaluated: 0, unchanged: 0, changed: { allow_to_deny: 0, deny_to_allow: 0 }, examples: [] };
    if (recorded.length === 0) return out;
    const after = await this.bundles.evaluateBatch(version, recorded.map((r) => r.input));
    const before: DecisionResult['decision'][] = recorded.map((r) => r.decision);
    if (active) {
      const stale = recorded.flatMap((r, i) => (r.policy_set_version_id === baselineId && r.evaluation_status === 'complete' ? [] : [i]));
      if (stale.length > 0) {
        const replay = await this.bundles.evaluateBatch(
          { id: active.policy_set_version_id, manifest_sha256: active.manifest_sha256 },
          stale.map((i) => recorded[i]!.input),
        );
        stale.forEach((i, k) => {
          const r = replay.results[k];
          if (r) before[i] = r.decision;
        });
      }
    }
    recorded.forEach((rec, i) => {
      const a = after.results[i];
      const b = before[i];
      if (!a || !b) return;
      out.evaluated++;
      if (a.decision === b) return void out.unchanged++;
      if (b === 'allow') out.changed.allow_to_deny++;
      else out.changed.deny_to_allow++;
      if (out.examples.length < 20) out.examples.push({ request_id: rec.request_id, before: b, after: a.decision, determining_policies: a.determining_policies });
    });
    return out;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
