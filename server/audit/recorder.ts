// The one way decisions enter the audit log: group-committed, then the live feed is woken.
// record() resolves only once the event is durable in the store.
import type { AuditEvent } from '../../contract/audit.ts';
import { GroupCommitWriter } from './group-commit.ts';
import type { AuditEventRow, AuditRepo, NewAuditEvent } from './repository.ts';

export function toAuditItem(r: AuditEventRow): AuditEvent {
  return {
    id: r.id,
    zone_id: r.zone_id,
    event_type: r.event_type,
    request_id: r.request_id,
    decision: r.decision,
    policy_set_id: r.policy_set_id,
    policy_set_version_id: r.policy_set_version_id,
    manifest_sha: r.manifest_sha,
    evaluation_status: r.evaluation_status,
    determining_policies_json: JSON.parse(r.determining_policies_json),
    diagnostics_json: JSON.parse(r.diagnostics_json),
    metadata_json: JSON.parse(r.metadata_json),
    occurred_at: r.occurred_at,
    ingested_at: r.ingested_at,
  };
}

export class AuditRecorder {
  private readonly writer: GroupCommitWriter<NewAuditEvent>;

  constructor(
    repo: { appendBatch(events: NewAuditEvent[]): Promise<unknown> },
    /** Called after each commit (the live feed reads what was written, from every replica). */
    onCommitted: () => void,
    opts: { windowMs?: number; maxBatch?: number } = {},
  ) {
    this.writer = new GroupCommitWriter(async (events) => {
      await repo.appendBatch(events);
      onCommitted();
    }, opts);
  }

  record(e: NewAuditEvent): Promise<void> {
    return this.writer.write(e);
  }

  drain(): Promise<void> {
    return this.writer.drain();
  }
}
