// Everything that turns stored versions into engine bundles: module lists, loading by
// manifest hash, evaluate-with-reload, and preloading every zone's active version.
import type { ExplainLevel } from '../../contract/index.ts';
import { BundleNotLoaded, type EngineModule, type EvaluateResponse } from '../engine/client.ts';
import type { PolicySetVersionRow } from '../repositories/policy-sets.ts';
import type { Deps } from './deps.ts';

export class Bundles {
  preloaded = 0;
  constructor(private readonly deps: Deps) {}

  async modules(versionId: string): Promise<EngineModule[]> {
    const rows = await this.deps.repos.sets.entries([versionId]);
    return rows.map((r) => ({
      id: r.policy_version_id,
      policy: r.policy,
      policy_id: r.policy_id,
      policy_version_id: r.policy_version_id,
      version: r.version,
      content: r.content,
    }));
  }

  /** Compiles and caches the version under its manifest hash (a no-op when the engine has it). */
  async ensureLoaded(v: Pick<PolicySetVersionRow, 'id' | 'manifest_sha256'>) {
    await this.deps.engine.client.loadBundle(v.manifest_sha256, await this.modules(v.id));
  }

  async evaluate(v: Pick<PolicySetVersionRow, 'id' | 'manifest_sha256'>, input: unknown, explain: ExplainLevel = 'off'): Promise<EvaluateResponse> {
    const req = { key: v.manifest_sha256, input, explain };
    try {
      return await this.deps.engine.client.evaluate(req);
    } catch (e) {
      if (!(e instanceof BundleNotLoaded)) throw e;
      await this.ensureLoaded(v);
      return this.deps.engine.client.evaluate(req);
    }
  }

  async evaluateBatch(v: Pick<PolicySetVersionRow, 'id' | 'manifest_sha256'>, inputs: unknown[]) {
    const req = { key: v.manifest_sha256, inputs };
    try {
      return await this.deps.engine.client.evaluateBatch(req);
    } catch (e) {
      if (!(e instanceof BundleNotLoaded)) throw e;
      await this.ensureLoaded(v);
      return this.deps.engine.client.evaluateBatch(req);
    }
  }

  private seenActivations = new Set<string>();

  /**
   * Other replicas may activate (PostgreSQL): poll the pointers and preload what is new here.
   * Cheap when nothing changed: one small query, no engine call.
   */
  async syncActive() {
    const active = await this.deps.repos.zones.allActive();
    for (const a of active) {
      if (this.seenActivations.has(a.activation_id)) continue;
      await this.ensureLoaded({ id: a.policy_set_version_id, manifest_sha256: a.manifest_sha256 });
      this.seenActivations.add(a.activation_id);
    }
  }

  /** Run after every engine (re)start: the STS must never find the active version missing. */
  async preloadActive() {
    const active = await this.deps.repos.zones.allActive();
    let n = 0;
    for (const a of active) {
      await this.ensureLoaded({ id: a.policy_set_version_id, manifest_sha256: a.manifest_sha256 });
      this.seenActivations.add(a.activation_id);
      n++;
    }
    this.preloaded = n;
  }
}
