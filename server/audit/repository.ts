// SQL for decision audit events. Appends extend each zone's hash chain under a lock on the chain
// head; reads are keyset pages on (occurred_at, id) DESC. Nothing here updates or deletes an event
// (the database refuses it anyway).
import type { Db, Param, Queryable } from '../db/types.ts';
import { ApiError } from '../errors.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { GENESIS_HASH, eventHash, type StoredChainRow } from './hash-chain.ts';

export interface NewAuditEvent {
  id: string;
  zone_id: string;
  event_type: string;
  request_id: string;
  decision: 'allow' | 'deny';
  evaluation_status: string;
  application_id: string | null;
  resource: string | null;
  policy_set_id: string | null;
  policy_set_version_id: string | null;
  manifest_sha: string | null;
  determining_policies: { policy?: string; [k: string]: unknown }[];
  diagnostics: Record<string, unknown>[];
  metadata: Record<string, unknown>;
  input: unknown;
  occurred_at: string;
}

export interface AuditEventRow {
  id: string;
  zone_id: string;
  seq: number;
  event_type: string;
  request_id: string;
  decision: 'allow' | 'deny';
  evaluation_status: string;
  application_id: string | null;
  resource: string | null;
  policy_set_id: string | null;
  policy_set_version_id: string | null;
  manifest_sha: string | null;
  determining_policies_json: string;
  diagnostics_json: string;
  metadata_json: string;
  input_json?: string;
  occurred_at: string;
  ingested_at: string;
  prev_hash: string;
  hash: string;
}

export interface AuditFilters {
  since?: string;
  until?: string;
  request_id?: string;
  decision?: 'allow' | 'deny';
  event_type?: string;
  application_id?: string;
  resource?: string;
  policy_set_version_id?: string;
  policy?: string;
}

const COLUMNS = [
  'id', 'zone_id', 'seq', 'event_type', 'request_id', 'decision', 'evaluation_status', 'application_id', 'resource',
  'policy_set_id', 'policy_set_version_id', 'manifest_sha', 'determining_policies_json',
  'diagnostics_json', 'metadata_json', 'input_json', 'occurred_at', 'ingested_at', 'prev_hash', 'hash',
] as const;
// What lists and exports return: everything but the input and the chain links.
const LIST_COLUMNS = COLUMNS.filter((c) => c !== 'input_json' && c !== 'prev_hash' && c !== 'hash' && c !== 'seq')
  .map((c) => `e.${c}`)
  .join(', ');
const PG_ROWS_PER_INSERT = 200;
/** 1970-01-01T00:00:00Z as a Julian day, in milliseconds. */
const JULIAN_UNIX_EPOCH_MS = 2440587.5 * 86400000;

interface FilterClause {
  byPolicy: boolean;
  /** Alias of the key table: `e` (events) or `p` (audit_event_policies). */
  k: 'e' | 'p';
  keyId: string;
  kWhere: string[];
  kParams: Param[];
  eWhere: string[];
  eParams: Param[];
}

function policyNames(dp: NewAuditEvent['determining_policies']): string[] {
  return [...new Set(dp.map((d) => d.policy).filter((p): p is string => typeof p === 'string'))];
}

export function toChainRow(r: AuditEventRow & { input_json: string }): StoredChainRow {
  return {
    id: r.id,
    zone_id: r.zone_id,
    seq: Number(r.seq),
    event_type: r.event_type,
    request_id: r.request_id,
    decision: r.decision,
    evaluation_status: r.evaluation_status,
    application_id: r.application_id,
    policy_set_id: r.policy_set_id,
    policy_set_version_id: r.policy_set_version_id,
    manifest_sha: r.manifest_sha,
    resource: r.resource,
    determining_policies: JSON.parse(r.determining_policies_json),
    diagnostics: JSON.parse(r.diagnostics_json),
    metadata: JSON.parse(r.metadata_json),
    input: JSON.parse(r.input_json),
    occurred_at: r.occurred_at,
    prev_hash: r.prev_hash,
    hash: r.hash,
  };
}

export class AuditRepo {
  private readonly partitions = new Set<string>();

  constructor(private readonly db: Db) {}

  /** PostgreSQL: make sure the month partitions the batch needs exist (cached after the first check). */
  private async ensurePartitions(events: NewAuditEvent[]) {
    if (this.db.dialect !== 'postgres') return;
    for (const month of new Set(events.map((e) => e.occurred_at.slice(0, 7)))) {
      if (this.partitions.has(month)) continue;
      try {
        await this.db.get('SELECT caracal_audit_partition(?)', [month]);
      } catch (err) {
        // Another replica created it at the same moment.
        if ((err as { code?: string }).code !== '42P07') throw err;
      }
      this.partitions.add(month);
    }
  }

  /** PostgreSQL: creates this month's and the next `ahead` months' partitions before any event needs them. */
  async preparePartitions(now = new Date(), ahead = 2) {
    if (this.db.dialect !== 'postgres') return;
    const months = Array.from({ length: ahead + 1 }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1)));
    await this.ensurePartitions(months.map((m) => ({ occurred_at: m.toISOString() }) as NewAuditEvent));
  }

  /** Appends events in one transaction, chaining each zone's events after its current head. */
  async appendBatch(events: NewAuditEvent[]): Promise<AuditEventRow[]> {
    await this.ensurePartitions(events);
    const ingestedAt = new Date().toISOString();
    return this.db.tx(async (t) => {
      const byZone = new Map<string, NewAuditEvent[]>();
      for (const e of events) {
        const list = byZone.get(e.zone_id);
        if (list) list.push(e);
        else byZone.set(e.zone_id, [e]);
      }
      const stored: AuditEventRow[] = [];
      for (const [zoneId, zoneEvents] of byZone) {
        // One round trip creates the head if missing and locks it (the no-op DO UPDATE takes the row
        // lock on PostgreSQL), returning the current link.
        const head = await t.get<{ seq: number; hash: string }>(
          `INSERT INTO audit_chain_heads (zone_id, seq, hash, updated_at) VALUES (?, 0, ?, ?)
           ON CONFLICT (zone_id) DO UPDATE SET zone_id = excluded.zone_id RETURNING seq, hash`,
          [zoneId, GENESIS_HASH, ingestedAt],
        );
        let seq = Number(head!.seq);
        let prev = head!.hash;
        const rows: (AuditEventRow & { input_json: string })[] = [];
        const policyRows: Param[][] = [];
        for (const e of zoneEvents) {
          seq++;
          const fields = {
            id: e.id, zone_id: e.zone_id, seq, event_type: e.event_type, request_id: e.request_id, decision: e.decision,
            evaluation_status: e.evaluation_status, application_id: e.application_id, policy_set_id: e.policy_set_id,
            policy_set_version_id: e.policy_set_version_id, manifest_sha: e.manifest_sha, resource: e.resource,
            determining_policies: e.determining_policies, diagnostics: e.diagnostics, metadata: e.metadata, input: e.input,
            occurred_at: e.occurred_at, prev_hash: prev,
          };
          const hash = eventHash(fields);
          rows.push({
            id: e.id, zone_id: e.zone_id, seq, event_type: e.event_type, request_id: e.request_id, decision: e.decision,
            evaluation_status: e.evaluation_status, application_id: e.application_id, resource: e.resource,
            policy_set_id: e.policy_set_id, policy_set_version_id: e.policy_set_version_id, manifest_sha: e.manifest_sha,
            determining_policies_json: JSON.stringify(e.determining_policies),
            diagnostics_json: JSON.stringify(e.diagnostics),
            metadata_json: JSON.stringify(e.metadata),
            input_json: JSON.stringify(e.input),
            occurred_at: e.occurred_at, ingested_at: ingestedAt, prev_hash: prev, hash,
          });
          for (const name of policyNames(e.determining_policies)) policyRows.push([zoneId, name, e.occurred_at, e.id]);
          prev = hash;
        }
        await this.insertRows(t, rows as unknown as Record<string, unknown>[]);
        for (let i = 0; i < policyRows.length; i += PG_ROWS_PER_INSERT) {
          const part = policyRows.slice(i, i + PG_ROWS_PER_INSERT);
          await t.run(`INSERT INTO audit_event_policies (zone_id, policy, occurred_at, event_id) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}`, part.flat());
        }
        await t.run('UPDATE audit_chain_heads SET seq = ?, hash = ?, updated_at = ? WHERE zone_id = ?', [seq, prev, ingestedAt, zoneId]);
        stored.push(...rows);
      }
      return stored;
    });
  }

  private async insertRows(t: Queryable, rows: Record<string, unknown>[]) {
    const chunk = t.dialect === 'postgres' ? PG_ROWS_PER_INSERT : 1;
    const one = `(${COLUMNS.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const params: Param[] = [];
      for (const r of part) for (const c of COLUMNS) params.push(r[c] as Param);
      await t.run(`INSERT INTO audit_events (${COLUMNS.join(', ')}) VALUES ${part.map(() => one).join(', ')}`, params);
    }
  }

  /**
   * The WHERE clause of a filter, split between the key table (the events, or with a `policy`
   * filter the audit_event_policies index, alias `p`) and the event columns (alias `e`). Lists,
   * exports and the histogram all read through this one mapping.
   */
  private filterClause(zoneId: string, f: AuditFilters): FilterClause {
    const byPolicy = f.policy !== undefined;
    const k = byPolicy ? 'p' : 'e';
    const kWhere = [`${k}.zone_id = ?`];
    const kParams: Param[] = [zoneId];
    const eWhere: string[] = [];
    const eParams: Param[] = [];
    if (byPolicy) {
      kWhere.push('p.policy = ?');
      kParams.push(f.policy!);
    }
    const eq = (col: string, v: string | undefined) => {
      if (v !== undefined) {
        eWhere.push(`e.${col} = ?`);
        eParams.push(v);
      }
    };
    eq('decision', f.decision);
    eq('event_type', f.event_type);
    eq('application_id', f.application_id);
    eq('resource', f.resource);
    eq('policy_set_version_id', f.policy_set_version_id);
    eq('request_id', f.request_id);
    if (f.since) {
      kWhere.push(`${k}.occurred_at >= ?`);
      kParams.push(new Date(f.since).toISOString());
    }
    if (f.until) {
      kWhere.push(`${k}.occurred_at <= ?`);
      kParams.push(new Date(f.until).toISOString());
    }
    return { byPolicy, k, keyId: byPolicy ? 'p.event_id' : 'e.id', kWhere, kParams, eWhere, eParams };
  }

  /** Matching rows in key order (`select` over aliases e and k), `limit` of them. */
  private ordered(c: FilterClause, select: string, dir: 'ASC' | 'DESC', limit: number) {
    const { byPolicy, k, keyId, kWhere, kParams, eWhere, eParams } = c;
    const order = `ORDER BY ${k}.occurred_at ${dir}, ${keyId} ${dir} LIMIT ?`;
    if (!byPolicy) {
      return this.db.all<Record<string, unknown>>(`SELECT ${select} FROM audit_events e WHERE ${[...kWhere, ...eWhere].join(' AND ')} ${order}`, [...kParams, ...eParams, limit]);
    }
    if (this.db.dialect === 'postgres') {
      // LATERAL ... LIMIT 1 keeps PostgreSQL walking the policy index in order (a plain join gets
      // planned as a hash join over every partition once it misestimates the join's size).
      const eCond = ['e.id = p.event_id', 'e.occurred_at = p.occurred_at', ...eWhere].join(' AND ');
      return this.db.all<Record<string, unknown>>(
        `SELECT ${select} FROM audit_event_policies p
        CROSS JOIN LATERAL (SELECT * FROM audit_events e WHERE ${eCond} LIMIT 1) e
        WHERE ${kWhere.join(' AND ')} ${order}`,
        [...eParams, ...kParams, limit],
      );
    }
    return this.db.all<Record<string, unknown>>(
      `SELECT ${select} FROM audit_event_policies p JOIN audit_events e ON e.id = p.event_id AND e.occurred_at = p.occurred_at
        WHERE ${[...kWhere, ...eWhere].join(' AND ')} ${order}`,
      [...kParams, ...eParams, limit],
    );
  }

  /**
   * One keyset page, newest first. With a `policy` filter the page is driven by the
   * audit_event_policies index (zone, policy, occurred_at, id) and joined back to the events.
   */
  async list(zoneId: string, f: AuditFilters, o: { limit: number; cursor?: string | null }) {
    const c = this.filterClause(zoneId, f);
    if (o.cursor) {
      const pos = decodeCursor(o.cursor);
      if (!pos) throw new ApiError(400, 'invalid_query', 'The cursor is not one this server issued; start again without it.');
      // The plain bound lets both planners start the index range scan at the cursor.
      c.kWhere.push(`${c.k}.occurred_at <= ?`, `(${c.k}.occurred_at < ? OR ${c.keyId} < ?)`);
      c.kParams.push(pos.occurred_at, pos.occurred_at, pos.id);
    }
    const rows = (await this.ordered(c, LIST_COLUMNS, 'DESC', o.limit + 1)) as unknown as AuditEventRow[];
    const items = rows.slice(0, o.limit);
    const last = items[items.length - 1];
    return { items, next_cursor: rows.length > o.limit && last ? encodeCursor(last) : null };
  }

  /** occurred_at of the oldest and the newest matching event (two index walks that stop at the first row). */
  async timeRange(zoneId: string, f: AuditFilters): Promise<{ oldest: string; newest: string } | null> {
    const c = this.filterClause(zoneId, f);
    const [first] = await this.ordered(c, `${c.k}.occurred_at AS t`, 'ASC', 1);
    const [last] = await this.ordered(c, `${c.k}.occurred_at AS t`, 'DESC', 1);
    return first && last ? { oldest: String(first.t), newest: String(last.t) } : null;
  }

  /**
   * Allows and denies of every matching event between since and until (inclusive), grouped by
   * bucket index = floor((occurred_at - since) / bucketMs), the last bucket also holding `until`.
   * One aggregate; only buckets with events come back.
   */
  async histogram(zoneId: string, f: AuditFilters & { since: string; until: string }, o: { buckets: number; bucketMs: number }) {
    const c = this.filterClause(zoneId, f);
    const { byPolicy, k, kWhere, kParams, eWhere, eParams } = c;
    // Without a decision filter, naming both decisions lets the planner answer from the covering
    // (zone_id, decision, occurred_at) index instead of reading every event row for its decision.
    if (!byPolicy && f.decision === undefined && eWhere.length === 0) eWhere.push("e.decision IN ('allow', 'deny')");
    const sinceMs = Date.parse(f.since);
    let bucket: string;
    let bucketParams: Param[];
    if (this.db.dialect === 'postgres') {
      // occurred_at is fixed-width RFC 3339 text in COLLATE "C", so text order is time order: a binary
      // search among the buckets' start times is exact and about twice as fast as parsing each row as
      // a timestamptz. Times above the last start (up to `until`) land in the last bucket.
      const starts = Array.from({ length: o.buckets }, (_, i) => new Date(sinceMs + i * o.bucketMs).toISOString());
      bucket = `width_bucket(${k}.occurred_at, ?::text[]) - 1`;
      bucketParams = [`{${starts.join(',')}}`];
    } else {
      // julianday() keeps whole milliseconds (SQLite's internal clock), so rounding it back is exact.
      // The casts keep the division integral: better-sqlite3 binds JS numbers as REAL.
      bucket = `MIN(CAST(? AS INTEGER), (CAST(ROUND(julianday(${k}.occurred_at) * 86400000) AS INTEGER) - CAST(? AS INTEGER)) / CAST(? AS INTEGER))`;
      bucketParams = [o.buckets - 1, sinceMs + JULIAN_UNIX_EPOCH_MS, o.bucketMs];
    }
    const from = byPolicy
      ? 'audit_event_policies p JOIN audit_events e ON e.id = p.event_id AND e.occurred_at = p.occurred_at'
      : 'audit_events e';
    // SQLite groups through a temporary b-tree, which is about twice as fast fed in key order: the
    // decision index yields (decision, time), every other index time order.
    const decisionIndex = !byPolicy && eWhere.every((c) => c.startsWith('e.decision '));
    return this.db.all<{ b: number; decision: 'allow' | 'deny'; n: number }>(
      `SELECT ${bucket} AS b, e.decision AS decision, COUNT(*) AS n FROM ${from}
        WHERE ${[...kWhere, ...eWhere].join(' AND ')} GROUP BY ${decisionIndex ? '2, 1' : '1, 2'}`,
      [...bucketParams, ...kParams, ...eParams],
    );
  }

  byRequest(zoneId: string, requestId: string) {
    return this.db.all<AuditEventRow & { input_json: string }>(
      `SELECT ${COLUMNS.join(', ')} FROM audit_events WHERE zone_id = ? AND request_id = ? ORDER BY occurred_at, id`,
      [zoneId, requestId],
    );
  }

  /** The zone's chain in sequence order, a page at a time (verification streams through it). */
  chainPage(zoneId: string, afterSeq: number, limit: number) {
    return this.db.all<AuditEventRow & { input_json: string }>(
      `SELECT ${COLUMNS.join(', ')} FROM audit_events WHERE zone_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      [zoneId, afterSeq, limit],
    );
  }

  /** New events of a zone in chain order (the live stream's feed). */
  eventsAfter(zoneId: string, afterSeq: number, limit: number) {
    return this.db.all<AuditEventRow>(
      `SELECT ${LIST_COLUMNS}, e.seq FROM audit_events e WHERE e.zone_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
      [zoneId, afterSeq, limit],
    );
  }

  chainHead(zoneId: string) {
    return this.db.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_heads WHERE zone_id = ?', [zoneId]);
  }

  /** The zone's most recent evaluated inputs, newest first: what impact analysis replays. */
  recentInputs(zoneId: string, o: { limit: number; since?: string }) {
    const params: Param[] = [zoneId];
    let where = "zone_id = ? AND event_type = 'token_exchange'";
    if (o.since) {
      where += ' AND occurred_at >= ?';
      params.push(new Date(o.since).toISOString());
    }
    params.push(o.limit);
    return this.db.all<{ request_id: string; input_json: string; decision: 'allow' | 'deny'; policy_set_version_id: string | null; evaluation_status: string }>(
      `SELECT request_id, input_json, decision, policy_set_version_id, evaluation_status FROM audit_events WHERE ${where}
        ORDER BY occurred_at DESC, id DESC LIMIT ?`,
      params,
    );
  }
}
