// The rules of activation: one transaction moves the pointer and records the history,
// optimistic concurrency on the pointer, approval where the zone requires it, then preload.
import type { Activation, ActivationRequest, ActivationStatus, ActivateBody, ActivateResponse } from '../../contract/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { Queryable } from '../db/types.ts';
import { isUniqueViolation } from '../db/types.ts';
import { EngineCompileFailed, EngineUnavailableError } from '../engine/client.ts';
import { ApiError, notFound } from '../errors.ts';
import { paths } from '../../contract/paths.ts';
import { newId, nowIso } from '../lib/ids.ts';
import type { ActivationRequestRow, ActivationRow } from '../repositories/activations.ts';
import type { PolicySetVersionRow } from '../repositories/policy-sets.ts';
import type { ZoneRow } from '../repositories/zones.ts';
import { recordMutation } from './admin-audit.ts';
import type { Bundles } from './bundles.ts';
import type { Deps } from './deps.ts';
import { invalidBundle, type PolicySetsService } from './policy-sets.ts';
import { zoneSettings } from './zones.ts';

const activationView = (a: ActivationRow): Activation => ({
  id: a.id,
  policy_set_id: a.policy_set_id,
  from_version_id: a.from_version_id,
  to_version_id: a.to_version_id,
  actor: a.actor,
  reason: a.reason,
  approved_by: a.approved_by,
  request_id: a.request_id,
  occurred_at: a.occurred_at,
});

const requestView = (r: ActivationRequestRow): ActivationRequest => ({
  id: r.id,
  zone_id: r.zone_id,
  policy_set_id: r.policy_set_id,
  version_id: r.version_id,
  reason: r.reason,
  status: r.status,
  requested_by: r.requested_by,
  requested_at: r.requested_at,
  decided_by: r.decided_by,
  decided_at: r.decided_at,
  comment: r.comment,
  activation_id: r.activation_id,
});

const activeChanged = () =>
  new ApiError(409, 'active_version_changed', 'The active version changed since you last looked; reload and decide again.');

export class ActivationService {
  constructor(private readonly deps: Deps, private readonly sets: PolicySetsService, private readonly bundles: Bundles) {}

  /** Refuses a version the engine cannot compile; an engine outage does not block (versions compiled when created). */
  private async precompile(v: PolicySetVersionRow): Promise<boolean> {
    try {
      await this.bundles.ensureLoaded(v);
      return true;
    } catch (e) {
      if (e instanceof EngineCompileFailed) throw invalidBundle(e);
      if (e instanceof EngineUnavailableError) return false;
      throw e;
    }
  }

  /** Inside a transaction: lock the zone, check the expectation, move the pointer, record it. */
  private async move(
    t: Queryable,
    zone: ZoneRow,
    v: PolicySetVersionRow,
    actor: Actor,
    o: { reason: string; expected?: string | null; approvedBy?: string; activationRequestId?: string; requestId: string },
  ) {
    const { zones, activations } = this.deps.repos;
    await zones.lock(zone.id, t);
    const current = await zones.active(zone.id, t);
    const previous = current?.policy_set_version_id ?? null;
    if (o.expected !== undefined && o.expected !== previous) throw activeChanged();
    const at = nowIso();
    const activation: ActivationRow = {
      id: newId(), zone_id: zone.id, policy_set_id: v.policy_set_id, from_version_id: previous, to_version_id: v.id,
      actor: actor.name, actor_token_id: actor.tokenId === 'system' ? null : actor.tokenId, reason: o.reason,
      approved_by: o.approvedBy ?? null, activation_request_id: o.activationRequestId ?? null, request_id: o.requestId, occurred_at: at,
    };
    await activations.insert(activation, t);
    await zones.setActive(
      { zone_id: zone.id, policy_set_id: v.policy_set_id, policy_set_version_id: v.id, activation_id: activation.id, activated_at: at, activated_by: actor.name },
      current !== undefined,
      t,
    );
    await recordMutation(this.deps.repos, t, actor, o.requestId, {
      zoneId: zone.id, action: 'policy_set.activate', entityType: 'policy_set_version', entityId: v.id,
      details: { policy_set_id: v.policy_set_id, from_version_id: previous, activation_id: activation.id, reason: o.reason },
    });
    return { activation, previous };
  }

  private afterCommit(v: PolicySetVersionRow, loaded: boolean) {
    if (!loaded) void this.bundles.ensureLoaded(v).catch(() => {});
  }

  async activate(zone: ZoneRow, setId: string, body: ActivateBody, actor: Actor, requestId: string): Promise<ActivateResponse> {
    const { set, version } = await this.sets.findVersion(zone, setId, body.version_id);
    if (zoneSettings(zone).require_activation_approval) {
      throw new ApiError(409, 'approval_required', 'This zone requires an approved activation request; create one and have another reviewer approve it.');
    }
    const loaded = await this.precompile(version);
    let moved;
    try {
      moved = await this.deps.db.tx((t) => this.move(t, zone, version, actor, { reason: body.reason ?? '', expected: body.expected_active_version_id, requestId }));
    } catch (e) {
      // Two first activations racing on PostgreSQL: the loser hits the one-pointer-per-zone index.
      if (isUniqueViolation(e)) throw activeChanged();
      throw e;
    }
    this.afterCommit(version, loaded);
    return {
      activated: true,
      version_id: version.id,
      outbox_id: moved.activation.id,
      status_url: paths.activationStatus(zone.id, set.id, version.id),
      activation_id: moved.activation.id,
      previous_version_id: moved.previous,
    };
  }

  async status(zone: ZoneRow, setId: string, versionId: string | undefined): Promise<ActivationStatus> {
    const set = await this.sets.find(zone, setId);
    const active = await this.deps.repos.zones.active(zone.id);
    const activeHere = active?.policy_set_id === set.id ? active.policy_set_version_id : null;
    const vid = versionId ?? activeHere;
    const v = vid ? await this.deps.repos.sets.version(set.id, vid) : undefined;
    if (vid && !v) throw notFound('policy_set_version', 'version of this policy set', vid);
    const isActive = !!v && active?.policy_set_version_id === v.id;
    const healthy = this.deps.engine.info().healthy;
    let loaded = false;
    let error: string | undefined;
    if (v) {
      try {
        loaded = await this.deps.engine.client.hasBundle(v.manifest_sha256);
        if (!loaded && isActive) {
          await this.bundles.ensureLoaded(v);
          loaded = true;
        }
      } catch (e) {
        error = (e as Error).message;
      }
    }
    return {
      zone_id: zone.id,
      policy_set_id: set.id,
      version_id: v?.id ?? null,
      active: isActive,
      active_version_id: active?.policy_set_version_id ?? null,
      manifest_sha256: v?.manifest_sha256 ?? null,
      propagation_status: !isActive ? 'waiting_for_activation' : loaded ? 'loaded' : 'failed',
      engine: { healthy, loaded, ...(error ? { error } : {}) },
    };
  }

  async history(zone: ZoneRow, q: { limit: number; cursor?: string }) {
    const p = await this.deps.repos.activations.list(zone.id, q);
    return { items: p.items.map(activationView), next_cursor: p.next_cursor };
  }

  async requestActivation(zone: ZoneRow, setId: string, body: { version_id: string; reason: string }, actor: Actor, requestId: string) {
    const { set, version } = await this.sets.findVersion(zone, setId, body.version_id);
    await this.precompile(version);
    const row: ActivationRequestRow = {
      id: newId(), zone_id: zone.id, policy_set_id: set.id, version_id: version.id, reason: body.reason, status: 'pending',
      requested_by: actor.name, requested_by_token_id: actor.tokenId, requested_at: nowIso(),
      decided_by: null, decided_by_token_id: null, decided_at: null, comment: null, activation_id: null,
    };
    await this.deps.db.tx(async (t) => {
      await this.deps.repos.activations.insertRequest(row, t);
      await recordMutation(this.deps.repos, t, actor, requestId, {
        zoneId: zone.id, action: 'activation_request.create', entityType: 'activation_request', entityId: row.id,
        details: { policy_set_id: set.id, version_id: version.id, reason: body.reason },
      });
    });
    return requestView(row);
  }

  async listRequests(zone: ZoneRow, q: { limit: number; cursor?: string; status?: string }) {
    const p = await this.deps.repos.activations.listRequests(zone.id, q);
    return { items: p.items.map(requestView), next_cursor: p.next_cursor };
  }

  private async pending(t: Queryable, zone: ZoneRow, id: string, actor: Actor) {
    const r = await this.deps.repos.activations.getRequest(zone.id, id, t);
    if (!r) throw notFound('activation_request', 'activation request', id);
    if (r.status !== 'pending') throw new ApiError(409, 'activation_request_not_pending', `This activation request was already ${r.status}.`);
    if (r.requested_by_token_id === actor.tokenId) {
      throw new ApiError(403, 'forbidden', 'A reviewer cannot decide their own activation request; ask another reviewer.');
    }
    return r;
  }

  /** Approving is activating: the request, the pointer and the history change in one transaction. */
  async approve(zone: ZoneRow, id: string, comment: string | undefined, actor: Actor, requestId: string) {
    const head = await this.deps.repos.activations.getRequest(zone.id, id);
    if (!head) throw notFound('activation_request', 'activation request', id);
    const version = await this.deps.repos.sets.version(head.policy_set_id, head.version_id);
    if (!version) throw notFound('policy_set_version', 'policy-set version', head.version_id);
    const loaded = await this.precompile(version);
    const out = await this.deps.db.tx(async (t) => {
      const r = await this.pending(t, zone, id, actor);
      const moved = await this.move(t, zone, version, actor, {
        reason: r.reason, approvedBy: actor.name, activationRequestId: r.id, requestId,
      });
      const decided = { status: 'approved' as const, decided_by: actor.name, decided_by_token_id: actor.tokenId, decided_at: nowIso(), comment: comment ?? null, activation_id: moved.activation.id };
      if (!(await this.deps.repos.activations.decideRequest(r.id, decided, t))) throw new ApiError(409, 'activation_request_not_pending', 'This activation request was decided meanwhile.');
      await recordMutation(this.deps.repos, t, actor, requestId, { zoneId: zone.id, action: 'activation_request.approve', entityType: 'activation_request', entityId: r.id, details: { comment: comment ?? null } });
      return { request: requestView({ ...r, ...decided }), activation_id: moved.activation.id, previous_version_id: moved.previous };
    });
    this.afterCommit(version, loaded);
    return { ...out, status_url: paths.activationStatus(zone.id, version.policy_set_id, version.id) };
  }

  async reject(zone: ZoneRow, id: string, comment: string, actor: Actor, requestId: string) {
    return this.deps.db.tx(async (t) => {
      const r = await this.pending(t, zone, id, actor);
      const decided = { status: 'rejected' as const, decided_by: actor.name, decided_by_token_id: actor.tokenId, decided_at: nowIso(), comment, activation_id: null };
      if (!(await this.deps.repos.activations.decideRequest(r.id, decided, t))) throw new ApiError(409, 'activation_request_not_pending', 'This activation request was decided meanwhile.');
      await recordMutation(this.deps.repos, t, actor, requestId, { zoneId: zone.id, action: 'activation_request.reject', entityType: 'activation_request', entityId: r.id, details: { comment } });
      return requestView({ ...r, ...decided });
    });
  }
}
