// Evaluates a decision input against the zone's active policy-set version, failing closed:
// no active version → deny no_active_policy_set; engine error, refusal or deadline → deny
// evaluation_error. The version reported is the one that actually decided (read with the pointer).
import type { DecisionResult } from '../../contract/index.ts';
import type { Bundles } from '../services/bundles.ts';
import type { ZonesRepo } from '../repositories/zones.ts';
import { EvaluationCoalescer } from './evaluation-coalescer.ts';

export interface DecidingVersion {
  policy_set_id: string;
  policy_set_version_id: string;
  manifest_sha256: string;
}

export interface Decision {
  result: DecisionResult;
  version: DecidingVersion | null;
  eval_ms: number | null;
}

export interface Decider {
  decide(zoneId: string, input: unknown): Promise<Decision>;
}

export const denyWith = (reason: string, message?: string): DecisionResult => ({
  decision: 'deny',
  evaluation_status: 'error',
  determining_policies: [],
  diagnostics: [message ? { reason, message } : { reason }],
});

export class ActiveVersionDecider implements Decider {
  /** Concurrent decisions share engine calls (see evaluation-coalescer.ts). */
  readonly coalescer: EvaluationCoalescer;

  constructor(
    private readonly zones: ZonesRepo,
    bundles: Pick<Bundles, 'evaluateBatch'>,
    /** Upper bound on waiting for the engine, above its own evaluation deadline. */
    private readonly answerWithinMs = 1000,
  ) {
    this.coalescer = new EvaluationCoalescer(bundles);
  }

  async decide(zoneId: string, input: unknown): Promise<Decision> {
    const active = await this.zones.active(zoneId);
    if (!active) return { result: denyWith('no_active_policy_set'), version: null, eval_ms: null };
    const version = {
      policy_set_id: active.policy_set_id,
      policy_set_version_id: active.policy_set_version_id,
      manifest_sha256: active.manifest_sha256,
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the engine did not answer within ${this.answerWithinMs} ms`)), this.answerWithinMs);
      });
      const r = await Promise.race([this.coalescer.evaluate({ id: active.policy_set_version_id, manifest_sha256: active.manifest_sha256 }, input), deadline]);
      return { result: r.result, version, eval_ms: r.eval_ms };
    } catch (err) {
      return { result: denyWith('evaluation_error', (err as Error).message), version, eval_ms: null };
    } finally {
      clearTimeout(timer);
    }
  }
}
