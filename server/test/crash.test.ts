// Crash safety: kill -9 the server process in the middle of activations, restart it, and check
// that the pointer is one of the versions, the history agrees with it, and nothing acknowledged is lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/open.ts';
import { ADMIN_TOKEN, dialects, freshPgSchema, PG_URL, policyText } from './support/server.ts';

const root = join(import.meta.dirname, '../..');

/** Gone or a zombie waiting for a reaper: either way it no longer runs. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function startProcess(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bin/caracal.mjs'), 'web', '--port', '0', '--data-dir', dataDir, '--no-demo'], {
    env: { ...process.env, ...env, CARACAL_ADMIN_TOKEN: ADMIN_TOKEN, CARACAL_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

async function call(url: string, method: string, path: string, body?: unknown) {
  const r = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: (await r.json()) as any };
}

describe.each(dialects)('crash safety (%s)', (dialect) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cct-crash-'));
  let drop: (() => Promise<void>) | undefined;
  let current: ChildProcess | undefined;
  afterAll(async () => {
    // Never leave an engine behind, even when the test failed half-way.
    if (current && current.exitCode === null) {
      const exited = new Promise((r) => current!.once('exit', r));
      current.kill('SIGTERM');
      await exited;
    }
    try {
      const pid = Number(readFileSync(join(dataDir, 'engine.pid'), 'utf8'));
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dataDir)) process.kill(pid, 'SIGKILL');
    } catch {
      /* none left */
    }
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives kill -9 during activations', async () => {
    const env: NodeJS.ProcessEnv = {};
    if (dialect === 'postgres') {
      const s = await freshPgSchema();
      drop = s.drop;
      Object.assign(env, { DATABASE_URL: PG_URL, CARACAL_PG_SCHEMA: s.schema, CARACAL_PG_POOL_MAX: '4' });
    }
    let { child, url } = await startProcess(dataDir, env);
    current = child;
    const zone = (await call(url, 'POST', '/v1/zones', { name: 'Crash' })).body;
    const set = (await call(url, 'POST', `/v1/zones/${zone.id}/policy-sets`, { name: 'main' })).body;
    const versions: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = (await call(url, 'POST', `/v1/zones/${zone.id}/policies`, { name: `p${i}`, content: policyText(`p${i}`) })).body;
      versions.push((await call(url, 'POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/versions`, { manifest: [{ policy_version_id: p.version_id }] })).body.id);
    }

    const acknowledged: string[] = [];
    for (let round = 0; round < 3; round++) {
      const pid = Number(readFileSync(join(dataDir, 'engine.pid'), 'utf8'));
      let stop = false;
      const loop = (async () => {
        for (let i = 0; !stop; i++) {
          try {
            const r = await call(url, 'POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/activate`, { version_id: versions[(i + round) % versions.length], reason: `r${round}-${i}` });
            if (r.status === 202) acknowledged.push(r.body.activation_id);
          } catch {
            return; // the server is gone
          }
        }
      })();
      await new Promise((r) => setTimeout(r, 150 + round * 100));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      stop = true;
      await loop;
      await exited;

      ({ child, url } = await startProcess(dataDir, env));
      current = child;
      // The engine of the killed server was cleaned up, not left running next to the new one.
      expect(running(pid)).toBe(false);

      const db = openDb({ databaseUrl: env.DATABASE_URL, dataDir, pgSchema: env.CARACAL_PG_SCHEMA });
      try {
        const pointer = await db.get<{ policy_set_version_id: string; activation_id: string }>('SELECT policy_set_version_id, activation_id FROM active_pointers WHERE zone_id = ?', [zone.id]);
        const last = await db.get<{ id: string; to_version_id: string }>('SELECT id, to_version_id FROM activations WHERE zone_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1', [zone.id]);
        const ids = new Set((await db.all<{ id: string }>('SELECT id FROM activations WHERE zone_id = ?', [zone.id])).map((r) => r.id));
        expect(versions).toContain(pointer!.policy_set_version_id);
        expect(pointer!.activation_id).toBe(last!.id);
        expect(last!.to_version_id).toBe(pointer!.policy_set_version_id);
        for (const a of acknowledged) expect(ids.has(a)).toBe(true);
      } finally {
        await db.close();
      }
      const z = (await call(url, 'GET', `/v1/zones/${zone.id}`)).body;
      const status = (await call(url, 'GET', `/v1/zones/${zone.id}/policy-sets/${set.id}/activation-status`)).body;
      expect(status).toMatchObject({ active: true, version_id: z.active.policy_set_version_id, propagation_status: 'loaded' });
    }
    expect(acknowledged.length).toBeGreaterThan(3);

    // Graceful shutdown takes the engine child down too.
    const enginePid = Number(readFileSync(join(dataDir, 'engine.pid'), 'utf8'));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
    expect(running(enginePid)).toBe(false);
  }, 120_000);
});
