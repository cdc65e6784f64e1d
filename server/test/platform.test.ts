// Health, readiness, OpenAPI, headers, request ids, the console's SPA fallback, the demo seed,
// and engine supervision (restart after the engine dies, preload of the active version).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, seedZone, stsInput, TestServer } from './support/server.ts';

describe.each(dialects)('platform (%s)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start(dialect, { demo: true });
  });
  afterAll(() => t?.close());

  it('GET /health and /ready need no auth; /ready reports the engine', async () => {
    expect((await t.api('GET', '/health', { token: null })).body).toEqual({ ok: true });
    const r = await t.api('GET', '/ready', { token: null });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ready: true, checks: { database: true, startup: true, engine: { healthy: true, preloaded: 1 } } });
  });

  it('GET /v1/openapi.json is OpenAPI 3.1 generated from the zod schemas', async () => {
    const r = await t.api('GET', '/v1/openapi.json', { token: null });
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.1.0');
    const create = r.body.paths['/v1/zones/{zoneId}/policies'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(['name', 'content']);
    expect(create.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(Object.keys(r.body.paths)).toEqual(
      expect.arrayContaining(['/v1/zones/{zoneId}/policy-sets/{id}/simulate', '/v1/zones/{zoneId}/policy-sets/{id}/activate', '/v1/admin-tokens', '/v1/session']),
    );
  });

  it('/v1 responses carry no-store, nosniff and the request id (reused when well-formed)', async () => {
    const r = await t.api('GET', '/v1/zones', { headers: { 'x-request-id': 'trace-123' } });
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-request-id')).toBe('trace-123');
    const bad = await t.api('GET', '/v1/zones/nope', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(bad.body.request_id).toBe(bad.headers.get('x-request-id'));
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the demo zone has four policies in an active version that decides like the policies say', async () => {
    const zone = (await t.api('GET', '/v1/zones/demo')).body;
    expect(zone.active).not.toBeNull();
    const policies = (await t.api('GET', '/v1/zones/demo/policies?sort=name')).body.items.map((p: { name: string; in_active_set: boolean }) => [p.name, p.in_active_set]);
    expect(policies).toEqual([
      ['business-hours', true],
      ['deny-suspended', true],
      ['payments-read', true],
      ['support-tools', true],
    ]);
    const sim = (input: unknown) => t.api('POST', `/v1/zones/demo/policy-sets/${zone.active.policy_set_id}/simulate`, { body: { version_id: zone.active.policy_set_version_id, input } });
    const read = await sim(stsInput(zone.id));
    expect(read.body.result.decision).toBe('allow');
    const suspended = await sim(stsInput(zone.id, { principal: { type: 'Application', id: 'a', zone_id: zone.id, labels: ['team:payments', 'suspended'] } }));
    expect(suspended.body.result.diagnostics[0].reason).toBe('application_suspended');
    const night = stsInput(zone.id, {
      principal: { type: 'Application', id: 'batch', zone_id: zone.id, labels: ['team:payments', 'hours:business'] },
      context: { requested_scopes: ['payments:read'], time: '2026-05-20T23:00:00Z' },
    });
    const late = await sim(night);
    expect(late.body.result.decision).toBe('deny');
    expect(late.body.result.diagnostics[0].reason).toBe('outside_business_hours');
  });

  it('restarts the engine when it dies and preloads the active version again', async () => {
    const { zone, set, v1 } = await seedZone(t);
    const engine = t.server.services.deps.engine;
    const pid = engine.info().pid!;
    process.kill(pid, 'SIGKILL');
    await expect.poll(async () => engine.info().healthy && engine.info().pid !== pid, { timeout: 10_000 }).toBe(true);
    expect(engine.info().restarts).toBeGreaterThanOrEqual(1);
    const key = (await t.api('GET', `/v1/zones/${zone.id}/policy-sets/${set.id}/versions/${v1.id}`)).body.manifest_sha256;
    await expect.poll(() => engine.client.hasBundle(key), { timeout: 5000 }).toBe(true);
    const sim = await t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/simulate`, { body: { version_id: v1.id, input: { ok: true } } });
    expect(sim.body.result.decision).toBe('allow');
  });
});

describe('console serving', () => {
  let t: TestServer;
  const dist = mkdtempSync(join(tmpdir(), 'cct-dist-'));
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Caracal console</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    t = await TestServer.start('sqlite', { consoleDir: dist });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html for console routes and assets as files, JSON 404 for unknown API paths', async () => {
    for (const path of ['/', '/login?code=abc', '/zones/demo/policies']) {
      const r = await fetch(t.url + path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(await r.text()).toMatch(/<title>Caracal console/);
    }
    const js = await fetch(t.url + '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const api = await fetch(t.url + '/v1/nope');
    expect(api.status).toBe(404);
    expect((await api.json()).error).toBe('not_found');
  });
});

describe('external engine (ENGINE_URL)', () => {
  it('uses an engine someone else runs on loopback TCP with the shared secret', async () => {
    const { spawn } = await import('node:child_process');
    const net = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const secret = 'engine-secret-for-tests-0123456789';
    const engine = spawn(join(import.meta.dirname, '../../.build/caracal-engine'), ['--listen', `127.0.0.1:${port}`], {
      env: { ...process.env, CARACAL_ENGINE_SECRET: secret },
      stdio: 'ignore',
    });
    const dataDir = mkdtempSync(join(tmpdir(), 'cct-ext-'));
    const { loadConfig } = await import('../config.ts');
    const { startServer } = await import('../main.ts');
    try {
      const server = await startServer(
        loadConfig({ port: '0', dataDir, demo: true }, { ENGINE_URL: `http://127.0.0.1:${port}`, CARACAL_ENGINE_SECRET: secret, CARACAL_ADMIN_TOKEN: 'external-engine-admin-token', CARACAL_LOG_LEVEL: 'silent' }),
      );
      try {
        const ready = await fetch(`${server.url}/ready`);
        expect(ready.status).toBe(200);
        const r = await fetch(`${server.url}/v1/policies/validate`, {
          method: 'POST',
          headers: { authorization: 'Bearer external-engine-admin-token', 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'package caracal.authz\n\nallow if input.x == 1\n' }),
        });
        expect((await r.json()).valid).toBe(true);

        // Engine gone: an outage is a 503 with a sentence, and /ready stops saying ready.
        engine.kill('SIGKILL');
        await new Promise((res) => engine.once('exit', res));
        const down = await fetch(`${server.url}/v1/policies/validate`, {
          method: 'POST',
          headers: { authorization: 'Bearer external-engine-admin-token', 'content-type': 'application/json' },
          body: JSON.stringify({ content: 'package caracal.authz\n' }),
        });
        expect(down.status).toBe(503);
        expect((await down.json()).error).toBe('engine_unavailable');
        await expect.poll(async () => (await fetch(`${server.url}/ready`)).status, { timeout: 6000 }).toBe(503);
      } finally {
        await server.close();
      }
    } finally {
      engine.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!dialects.includes('postgres'))('two replicas on one PostgreSQL', () => {
  it('the other replica preloads a version activated on the first', async () => {
    const a = await TestServer.start('postgres');
    const dataDir = mkdtempSync(join(tmpdir(), 'cct-replica-'));
    const { loadConfig } = await import('../config.ts');
    const { startServer } = await import('../main.ts');
    const b = await startServer(
      loadConfig({ port: '0', dataDir, demo: false }, { DATABASE_URL: process.env.TEST_DATABASE_URL, CARACAL_PG_SCHEMA: a.pgSchema, CARACAL_PG_POOL_MAX: '4', CARACAL_ADMIN_TOKEN: 'test-admin-token-0123456789abcdef', CARACAL_LOG_LEVEL: 'silent' }),
    );
    try {
      const { zone, set, v1 } = await seedZone(a);
      const key = (await a.api('GET', `/v1/zones/${zone.id}/policy-sets/${set.id}/versions/${v1.id}`)).body.manifest_sha256;
      await expect.poll(() => b.services.deps.engine.client.hasBundle(key), { timeout: 10_000, interval: 250 }).toBe(true);
      const z = await fetch(`${b.url}/v1/zones/${zone.id}`, { headers: { authorization: 'Bearer test-admin-token-0123456789abcdef' } });
      expect((await z.json()).active.policy_set_version_id).toBe(v1.id);
    } finally {
      await b.close();
      await a.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
