// Admin API latency over real HTTP (real engine, real store), sequential requests, bounded:
//   simulate against a 10-policy set; validate a 500-line policy; list a zone with 10,000 policies.
//   npx tsx bench/server-admin.ts                  (SQLite in a temp dir)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/server-admin.ts   (PostgreSQL, fresh schema)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../server/config.ts';
import { newId, sha256hex } from '../server/lib/ids.ts';
import { startServer } from '../server/main.ts';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const dataDir = mkdtempSync(join(tmpdir(), 'caracal-bench-'));
const pgUrl = process.env.BENCH_DATABASE_URL;
let schema: string | undefined;
if (pgUrl) {
  schema = `bench_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
}
const env: NodeJS.ProcessEnv = { CARACAL_ADMIN_TOKEN: TOKEN, CARACAL_LOG_LEVEL: 'error', ...(pgUrl ? { DATABASE_URL: pgUrl, CARACAL_PG_SCHEMA: schema } : {}) };
const server = await startServer(loadConfig({ port: '0', dataDir, demo: false }, env));

async function call(method: string, path: string, body?: unknown) {
  const r = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await r.json()) as any;
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(json)}`);
  return json;
}

async function measure(name: string, n: number, warm: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < warm; i++) await fn();
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    lat.push(performance.now() - t0);
  }
  lat.sort((a, b) => a - b);
  const p = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))]!.toFixed(2);
  const row = { name, n, p50: p(0.5), p95: p(0.95), p99: p(0.99), max: lat[lat.length - 1]!.toFixed(2) };
  console.log(JSON.stringify(row));
  return row;
}

try {
  // 1. Simulate: 10 policies of the kinds the demo uses (grants by label/scope, denies, time windows).
  const zone = await call('POST', '/v1/zones', { name: 'Bench' });
  const versions: string[] = [];
  for (let i = 0; i < 10; i++) {
    const content =
      i % 3 === 2
        ? `package caracal.authz\n\ndeny contains {"reason": "suspended_${i}", "message": "suspended"} if "suspended-${i}" in input.principal.labels\n`
        : `package caracal.authz\n\nallow if {\n\t"team:svc-${i}" in input.principal.labels\n\tstartswith(input.resource.identifier, "resource://svc-${i}/")\n\tevery s in input.context.requested_scopes {\n\t\tstartswith(s, "svc${i}:")\n\t}\n\tt := time.parse_rfc3339_ns(input.context.time)\n\t[h, _, _] := time.clock(t)\n\th >= 6\n}\n`;
    versions.push((await call('POST', `/v1/zones/${zone.id}/policies`, { name: `policy-${i}`, content })).version_id);
  }
  const set = await call('POST', `/v1/zones/${zone.id}/policy-sets`, { name: 'ten' });
  const v = await call('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/versions`, { manifest: versions.map((id) => ({ policy_version_id: id })) });
  const input = {
    schema_version: '2026-05-20',
    principal: { type: 'Application', id: 'app', zone_id: zone.id, labels: ['team:svc-4'] },
    resource: { type: 'Resource', identifier: 'resource://svc-4/api', scopes: ['svc4:read'] },
    action: { id: 'TokenExchange' },
    context: { requested_scopes: ['svc4:read'], time: '2026-05-20T10:00:00Z' },
  };
  const sim = await measure('simulate 10-policy set (HTTP)', 500, 50, () => call('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/simulate`, { version_id: v.id, input }));

  // 2. Validate a 500-line policy.
  const lines = ['package caracal.authz', '', '# 71 grants of 7 lines each: exactly 500 lines.'];
  for (let r = 0; r < 71; r++) {
    lines.push(`allow if {`, `\t"team:t${r}" in input.principal.labels`, `\tinput.resource.identifier == "resource://r${r}"`, `\tcount(input.context.requested_scopes) > 0`, `\tevery s in input.context.requested_scopes { s in {"r${r}:read", "r${r}:write"} }`, `}`, '');
  }
  const big = lines.join('\n');
  const val = await measure(`validate ${lines.length}-line policy (HTTP)`, 200, 20, () => call('POST', '/v1/policies/validate', { content: big }));

  // 3. List a zone with 10,000 policies (rows written straight into the store: the engine is not what is measured).
  const bigZone = await call('POST', '/v1/zones', { name: 'Big zone' });
  const db = server.services.deps.db;
  const content = 'package caracal.authz\n\nallow if input.x == 1\n';
  const at0 = Date.now();
  await db.tx(async (t) => {
    for (let i = 0; i < 10_000; i++) {
      const id = newId();
      const at = new Date(at0 + i).toISOString();
      await t.run('INSERT INTO policies (id, zone_id, name, description, created_by, created_at, updated_at, latest_version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)', [
        id, bigZone.id, `policy-${String(i).padStart(5, '0')}`, 'bench', 'bench', at, at,
      ]);
      await t.run('INSERT INTO policy_versions (id, policy_id, zone_id, version, content, content_sha256, schema_version, created_by, created_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)', [
        newId(), id, bigZone.id, content, sha256hex(content), '2026-05-20', 'bench', at,
      ]);
    }
  });
  if (db.dialect === 'postgres') await db.exec('ANALYZE');
  const list = await measure('list 10,000-policy zone, first page of 200 (HTTP)', 200, 20, () => call('GET', `/v1/zones/${bigZone.id}/policies`));
  const byName = await measure('list 10,000-policy zone sorted by name, q filter (HTTP)', 200, 20, () => call('GET', `/v1/zones/${bigZone.id}/policies?sort=name&q=policy-09`));

  console.log(`\nstore: ${db.where}`);
  console.log(`simulate p50 ${sim.p50} ms / p99 ${sim.p99} ms (target ≤ 10 / ≤ 30)`);
  console.log(`validate p50 ${val.p50} ms (target ≤ 20)`);
  console.log(`list p95 ${list.p95} ms, sorted+filtered p95 ${byName.p95} ms (target ≤ 20)`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (pgUrl && schema) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
}
