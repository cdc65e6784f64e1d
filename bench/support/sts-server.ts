// Child process of bench/sts-exchange.ts: starts the real server (real engine, SQLite in a temp
// dir or a throwaway PostgreSQL schema), seeds a zone with a 10-policy active set and one
// application, prints {url, client_id, client_secret} as one JSON line, then serves until killed.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const dataDir = mkdtempSync(join(tmpdir(), 'caracal-bench-sts-'));
const pgUrl = process.env.BENCH_DATABASE_URL;
const schema = `bench_sts_${randomBytes(4).toString('hex')}`;
if (pgUrl) {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`CREATE SCHEMA ${schema}`);
  await c.end();
}
const env: NodeJS.ProcessEnv = { CARACAL_ADMIN_TOKEN: ADMIN, CARACAL_LOG_LEVEL: 'silent', ...(pgUrl ? { DATABASE_URL: pgUrl, CARACAL_PG_SCHEMA: schema } : {}) };
const server = await startServer(loadConfig({ port: '0', dataDir, demo: false }, env));

async function api(method: string, path: string, body?: unknown) {
  const r = await fetch(server.url + path, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = (await r.json()) as any;
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(j)}`);
  return j;
}

const zone = await api('POST', '/v1/zones', { name: 'Bench' });
const z = `/v1/zones/${zone.id}`;
const manifest = [];
// Ten policies of the kinds people write: label grants per resource prefix, scope checks, denies.
for (let i = 0; i < 10; i++) {
  const content =
    i < 6
      ? `package caracal.authz\n\nallow if {\n\t"team:t${i}" in input.principal.labels\n\tstartswith(input.resource.identifier, "resource://svc-${i}/")\n\tevery s in input.context.requested_scopes { startswith(s, "svc${i}:") }\n}\n`
      : i < 9
        ? `package caracal.authz\n\ndeny contains {"reason": "blocked_${i}", "message": "label blocked-${i}"} if "blocked-${i}" in input.principal.labels\n`
        : `package caracal.authz\n\ndeny contains {"reason": "outside_hours"} if {\n\t"hours:business" in input.principal.labels\n\tt := time.parse_rfc3339_ns(input.context.time)\n\t[h, _, _] := time.clock(t)\n\th < 8\n}\n`;
  const p = await api('POST', `${z}/policies`, { name: `policy-${i}`, content });
  manifest.push({ policy_version_id: p.version_id });
}
const set = await api('POST', `${z}/policy-sets`, { name: 'main' });
const v = await api('POST', `${z}/policy-sets/${set.id}/versions`, { manifest });
await api('POST', `${z}/policy-sets/${set.id}/activate`, { version_id: v.id });
const app = await api('POST', `${z}/applications`, { name: 'bench-app', labels: ['team:t3', 'tier:gold'] });
process.stdout.write(JSON.stringify({ url: server.url, admin_token: ADMIN, zone_id: zone.id, set_id: set.id, version_id: v.id, client_id: app.client_id, client_secret: app.client_secret }) + '\n');

const stop = async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
