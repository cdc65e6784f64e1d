import type { Db } from '../db/types.ts';
import { AuditRepo } from '../audit/repository.ts';

export interface RecordedInput {
  request_id: string;
  input: unknown;
  decision: 'allow' | 'deny';
  /** The policy-set version that decided, and whether it evaluated cleanly. */
  policy_set_version_id: string | null;
  evaluation_status: string;
}

/**
 * The seam for impact analysis: the zone's recent decision inputs exactly as the STS evaluated
 * them (token_exchange audit events, newest first; see server/audit/repository.ts).
 */
export class RecordedInputsRepo {
  private readonly audit: AuditRepo;
  constructor(db: Db) {
    this.audit = new AuditRepo(db);
  }

  async recent(zoneId: string, o: { limit: number; since?: string }): Promise<RecordedInput[]> {
    const rows = await this.audit.recentInputs(zoneId, o);
    return rows.map((r) => ({
      request_id: r.request_id,
      input: JSON.parse(r.input_json) as unknown,
      decision: r.decision,
      policy_set_version_id: r.policy_set_version_id,
      evaluation_status: r.evaluation_status,
    }));
  }
}
