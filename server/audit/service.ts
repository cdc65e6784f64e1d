// Audit reads: list and export over keyset pages, by-request, explain (stored input, optional
// replay with trace against the exact version that decided), chain verification.
import type { Readable } from 'node:stream';
import type { AuditEvent, AuditListQuery, ChainVerification, ExplainResponse } from '../../contract/audit.ts';
import type { ExplainLevel } from '../../contract/index.ts';
import { ApiError } from '../errors.ts';
import type { Bundles } from '../services/bundles.ts';
import { exportStream } from './export-stream.ts';
import { ChainVerifier } from './hash-chain.ts';
import { toAuditItem } from './recorder.ts';
import { toChainRow, type AuditFilters, type AuditRepo } from './repository.ts';

const EXPORT_PAGE = 2000;
const VERIFY_PAGE = 2000;

function filtersOf(q: AuditListQuery): AuditFilters {
  const { cursor: _c, limit: _l, format: _f, ...f } = q;
  return f;
}

export class AuditService {
  constructor(
    private readonly repo: AuditRepo,
    private readonly bundles: Bundles,
  ) {}

  async list(zoneId: string, q: AuditListQuery): Promise<{ items: AuditEvent[]; next_cursor: string | null }> {
    const page = await this.repo.list(zoneId, filtersOf(q), { limit: q.limit, cursor: q.cursor });
    return { items: page.items.map(toAuditItem), next_cursor: page.next_cursor };
  }

  /** Every matching row, newest first, without a cap; memory stays one page deep. */
  export(zoneId: string, q: AuditListQuery, format: 'csv' | 'ndjson'): Readable {
    const filters = filtersOf(q);
    return exportStream(format, (cursor) => this.repo.list(zoneId, filters, { limit: EXPORT_PAGE, cursor: cursor ?? q.cursor }));
  }

  async byRequest(zoneId: string, requestId: string) {
    const rows = await this.repo.byRequest(zoneId, requestId);
    return rows.map((r) => ({ ...toAuditItem(r), policy_input: JSON.parse(r.input_json) as unknown }));
  }

  async explain(zoneId: string, requestId: string, trace?: Exclude<ExplainLevel, 'off'>): Promise<ExplainResponse> {
    const events = await this.byRequest(zoneId, requestId);
    if (events.length === 0) {
      throw new ApiError(404, 'audit_request_not_found', `No decision with request id "${requestId}" was recorded in this zone.`);
    }
    const final = events[events.length - 1];
    const out: ExplainResponse = {
      request_id: requestId,
      zone_id: zoneId,
      final_decision: final.decision,
      denied: events
        .filter((e) => e.decision === 'deny')
        .map((e) => ({
          event_id: e.id,
          event_type: e.event_type,
          evaluation_status: e.evaluation_status,
          determining_policies: e.determining_policies_json,
          diagnostics: e.diagnostics_json,
          metadata: e.metadata_json,
          policy_input: e.policy_input,
        })),
      events,
    };
    if (trace) {
      const decided = [...events].reverse().find((e) => e.policy_set_version_id && e.manifest_sha && e.policy_input !== null);
      if (!decided) {
        throw new ApiError(409, 'nothing_to_replay', 'This request was not evaluated against any policy-set version, so there is no trace to replay.');
      }
      const r = await this.bundles.evaluate(
        { id: decided.policy_set_version_id!, manifest_sha256: decided.manifest_sha! },
        decided.policy_input,
        trace,
      );
      out.trace = {
        level: trace,
        policy_set_version_id: decided.policy_set_version_id!,
        manifest_sha256: decided.manifest_sha!,
        result: r.result,
        events: r.trace ?? [],
        truncated: r.truncated ?? false,
      };
    }
    return out;
  }

  async verify(zoneId: string): Promise<ChainVerification> {
    const v = new ChainVerifier();
    let after = 0;
    for (;;) {
      const rows = await this.repo.chainPage(zoneId, after, VERIFY_PAGE);
      let stop = false;
      for (const r of rows) {
        if (!v.push(toChainRow(r))) {
          stop = true;
          break;
        }
      }
      if (stop || rows.length < VERIFY_PAGE) break;
      after = Number(rows[rows.length - 1].seq);
    }
    const head = await this.repo.chainHead(zoneId);
    const verdict = v.finish(head ? { seq: Number(head.seq), hash: head.hash } : null);
    return verdict.ok ? verdict : { ok: false, checked: verdict.checked, first_bad_event_id: verdict.first_bad_event_id, reason: verdict.reason };
  }

  /** Impact analysis's seam: the zone's recent recorded inputs and the decisions they got. */
  async recentInputs(zoneId: string, o: { limit: number; since?: string }) {
    const rows = await this.repo.recentInputs(zoneId, o);
    return rows.map((r) => ({ request_id: r.request_id, input: JSON.parse(r.input_json) as unknown, decision: r.decision }));
  }
}
