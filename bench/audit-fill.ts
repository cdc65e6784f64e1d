// Fills a zone's audit log with N synthetic decision events, generated inside the database
// (recursive CTE on SQLite, generate_series on PostgreSQL) so a million rows take minutes, not hours.
// Rows look like real ones (20 applications, 50 resources, 10 policies, 5 versions, ~1/3 denials,
// ~400-byte inputs) spread over the last 60 days; their hashes are not a valid chain.
import type { Db } from '../server/db/types.ts';

export const FILL_ZONE = 'bench-zone';
const SPAN_SEC = 60 * 24 * 3600;
const BATCH = 50_000;

export async function fillAudit(db: Db, n: number, onProgress?: (done: number) => void): Promise<void> {
  const start = Math.floor(Date.now() / 1000) - SPAN_SEC;
  const step = SPAN_SEC / n;
  if (db.dialect === 'postgres') {
    for (let m = 0; m <= 3; m++) {
      const d = new Date((start + m * 31 * 86400) * 1000);
      await db.get('SELECT caracal_audit_partition(?)', [d.toISOString().slice(0, 7)]);
    }
    await db.get('SELECT caracal_audit_partition(?)', [new Date().toISOString().slice(0, 7)]);
  }
  for (let from = 1; from <= n; from += BATCH) {
    const to = Math.min(n, from + BATCH - 1);
    await db.tx(async (t) => {
      if (t.dialect === 'sqlite') {
        const ts = `strftime('%Y-%m-%dT%H:%M:%fZ', ${start} + i * ${step}, 'unixepoch')`;
        await t.exec(`
          WITH RECURSIVE s(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM s WHERE i < ${to})
          INSERT INTO audit_events (id, zone_id, seq, event_type, request_id, decision, evaluation_status, application_id,
            resource, policy_set_id, policy_set_version_id, manifest_sha, determining_policies_json, diagnostics_json,
            metadata_json, input_json, occurred_at, ingested_at, prev_hash, hash)
          SELECT printf('%012x-bench', i), '${FILL_ZONE}', i,
            CASE WHEN i % 50 = 0 THEN 'token_request_rejected' ELSE 'token_exchange' END,
            printf('req-%d', i), CASE WHEN i % 3 = 0 THEN 'deny' ELSE 'allow' END, 'complete',
            printf('app-%d', i % 20), printf('resource://svc-%d/api', i % 50), 'ps-bench', printf('psv-%d', i % 5),
            '${'a'.repeat(64)}',
            printf('[{"policy":"policy-%d","policy_id":"p%d","policy_version_id":"pv%d","version":1,"rule":"allow","location":{"row":3,"col":1}}]', i % 10, i % 10, i % 10),
            '[]', printf('{"application_name":"app-%d","latency_ms":1.2,"scopes":["read"]}', i % 20),
            printf('{"schema_version":"2026-05-20","principal":{"type":"Application","id":"app-%d","zone_id":"${FILL_ZONE}","name":"app-%d","labels":["team:payments","tier:gold"]},"resource":{"type":"Resource","identifier":"resource://svc-%d/api","scopes":["read","write"]},"action":{"id":"TokenExchange"},"context":{"requested_scopes":["read","write"],"time":"%s"}}', i % 20, i % 20, i % 50, ${ts}),
            ${ts}, ${ts}, '${'0'.repeat(64)}', '${'f'.repeat(64)}'
          FROM s`);
        await t.exec(`
          WITH RECURSIVE s(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM s WHERE i < ${to})
          INSERT INTO audit_event_policies (zone_id, policy, occurred_at, event_id)
          SELECT '${FILL_ZONE}', printf('policy-%d', i % 10), ${ts}, printf('%012x-bench', i) FROM s`);
      } else {
        const ts = `to_char(to_timestamp(${start} + i * ${step}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
        await t.exec(`
          INSERT INTO audit_events (id, zone_id, seq, event_type, request_id, decision, evaluation_status, application_id,
            resource, policy_set_id, policy_set_version_id, manifest_sha, determining_policies_json, diagnostics_json,
            metadata_json, input_json, occurred_at, ingested_at, prev_hash, hash)
          SELECT lpad(to_hex(i), 12, '0') || '-bench', '${FILL_ZONE}', i,
            CASE WHEN i % 50 = 0 THEN 'token_request_rejected' ELSE 'token_exchange' END,
            'req-' || i, CASE WHEN i % 3 = 0 THEN 'deny' ELSE 'allow' END, 'complete',
            'app-' || (i % 20), 'resource://svc-' || (i % 50) || '/api', 'ps-bench', 'psv-' || (i % 5), '${'a'.repeat(64)}',
            '[{"policy":"policy-' || (i % 10) || '","policy_id":"p","policy_version_id":"pv","version":1,"rule":"allow","location":{"row":3,"col":1}}]',
            '[]', '{"application_name":"app-' || (i % 20) || '","latency_ms":1.2,"scopes":["read"]}',
            '{"schema_version":"2026-05-20","principal":{"type":"Application","id":"app-' || (i % 20) || '","zone_id":"${FILL_ZONE}","name":"app","labels":["team:payments","tier:gold"]},"resource":{"type":"Resource","identifier":"resource://svc-' || (i % 50) || '/api","scopes":["read","write"]},"action":{"id":"TokenExchange"},"context":{"requested_scopes":["read","write"],"time":"' || ${ts} || '"}}',
            ${ts}, ${ts}, '${'0'.repeat(64)}', '${'f'.repeat(64)}'
          FROM generate_series(${from}, ${to}) AS i`);
        await t.exec(`
          INSERT INTO audit_event_policies (zone_id, policy, occurred_at, event_id)
          SELECT '${FILL_ZONE}', 'policy-' || (i % 10), ${ts}, lpad(to_hex(i), 12, '0') || '-bench'
          FROM generate_series(${from}, ${to}) AS i`);
      }
    });
    onProgress?.(to);
  }
  await db.exec(db.dialect === 'sqlite' ? 'ANALYZE' : 'ANALYZE audit_events; ANALYZE audit_event_policies');
}
