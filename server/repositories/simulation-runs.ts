import type { SimulationRun } from '../../contract/index.ts';
import type { Db, Queryable } from '../db/types.ts';

export interface SimulationRunRow {
  id: string;
  zone_id: string;
  policy_set_id: string;
  version_id: string;
  ran_by: string;
  ran_at: string;
  would_activate: boolean | number;
  evaluation: SimulationRun['evaluation'];
  decision: 'allow' | 'deny' | null;
  reason: string;
  warnings_json: string;
  input_json: string | null;
  result_json: string | null;
}

export function toSimulationRun(r: SimulationRunRow): SimulationRun {
  return {
    id: r.id,
    policy_set_id: r.policy_set_id,
    version_id: r.version_id,
    ran_by: r.ran_by,
    ran_at: r.ran_at,
    would_activate: Boolean(r.would_activate), // SQLite stores 0/1
    evaluation: r.evaluation,
    decision: r.decision,
    reason: r.reason,
    warnings: JSON.parse(r.warnings_json),
    input: r.input_json === null ? null : JSON.parse(r.input_json),
    result: r.result_json === null ? null : JSON.parse(r.result_json),
  };
}

/** Simulations of stored policy-set versions, newest first per version (append-only table). */
export class SimulationRunsRepo {
  constructor(private readonly db: Db) {}

  async insert(r: SimulationRunRow, q: Queryable = this.db) {
    // 1/0 suits both: SQLite's CHECK (0, 1) and PostgreSQL's boolean (which reads the text '1' as true).
    const wouldActivate = r.would_activate ? 1 : 0;
    await q.run(
      `INSERT INTO simulation_runs (id, zone_id, policy_set_id, version_id, ran_by, ran_at, would_activate, evaluation, decision, reason, warnings_json, input_json, result_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.zone_id, r.policy_set_id, r.version_id, r.ran_by, r.ran_at, wouldActivate, r.evaluation, r.decision, r.reason, r.warnings_json, r.input_json, r.result_json],
    );
  }

  latest(zoneId: string, versionId: string, limit: number) {
    return this.db.all<SimulationRunRow>(
      'SELECT * FROM simulation_runs WHERE zone_id = ? AND version_id = ? ORDER BY ran_at DESC, id DESC LIMIT ?',
      [zoneId, versionId, limit],
    );
  }
}
