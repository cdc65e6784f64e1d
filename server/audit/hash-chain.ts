// Per-zone hash chain over audit events: hash_n = sha256(prev_hash_n || "\n" || canonical(event_n)).
// The first event of a zone chains from GENESIS_HASH. Verification walks events in sequence order and
// reports the first event whose stored link or hash does not match what the stored fields produce.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: everything stored except the hash itself and ingestion time. */
export interface ChainedFields {
  id: string;
  zone_id: string;
  seq: number;
  event_type: string;
  request_id: string;
  decision: string;
  evaluation_status: string;
  application_id: string | null;
  policy_set_id: string | null;
  policy_set_version_id: string | null;
  manifest_sha: string | null;
  resource: string | null;
  determining_policies: unknown;
  diagnostics: unknown;
  metadata: unknown;
  input: unknown;
  occurred_at: string;
  prev_hash: string;
}

export function eventHash(fields: ChainedFields): string {
  return createHash('sha256').update(fields.prev_hash).update('\n').update(canonicalJson(fields)).digest('hex');
}

export interface StoredChainRow extends ChainedFields {
  hash: string;
}

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; first_bad_event_id: string | null; reason: string };

/**
 * Streaming verifier: feed rows in seq order, then call finish() with the chain head the store
 * recorded (so a deleted tail is noticed too).
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  checked = 0;
  private bad: { id: string | null; reason: string } | null = null;

  /** Returns false once a bad event is found; the caller can stop reading. */
  push(row: StoredChainRow): boolean {
    if (this.bad) return false;
    this.checked++;
    if (row.seq !== this.expectedSeq) {
      this.bad = { id: row.id, reason: `event sequence jumps from ${this.expectedSeq - 1} to ${row.seq}: events are missing before this one` };
      return false;
    }
    if (row.prev_hash !== this.prevHash) {
      this.bad = { id: row.id, reason: 'the event does not link to the hash of the event before it' };
      return false;
    }
    const { hash, ...fields } = row;
    if (eventHash(fields) !== hash) {
      this.bad = { id: row.id, reason: 'the event content does not match its hash: it was altered after it was written' };
      return false;
    }
    this.prevHash = hash;
    this.expectedSeq++;
    return true;
  }

  finish(head: { seq: number; hash: string } | null): ChainVerdict {
    if (this.bad) return { ok: false, checked: this.checked, first_bad_event_id: this.bad.id, reason: this.bad.reason };
    const lastSeq = this.expectedSeq - 1;
    if (head && (head.seq !== lastSeq || head.hash !== this.prevHash)) {
      return {
        ok: false,
        checked: this.checked,
        first_bad_event_id: null,
        reason: `the chain head records ${head.seq} events but only ${lastSeq} chain up to it: the newest events were removed`,
      };
    }
    return { ok: true, checked: this.checked };
  }
}
