import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the real `caracal web` (server + engine + built console) once for the run, on a
 * temporary data directory and a free port, and hands the tests its URL, admin token and the
 * one-time login link it printed. Returns the teardown.
 */
export default async function globalSetup() {
  const root = join(import.meta.dirname, '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'caracal-e2e-'));
  const port = await freePort();
  const adminToken = `e2e-${randomBytes(18).toString('hex')}`;
  const baseURL = `http://127.0.0.1:${port}`;

  const child = spawn(
    process.execPath,
    ['bin/caracal.mjs', 'web', '--no-demo', '--data-dir', dataDir, '--port', String(port)],
    { cwd: root, env: {
        ...process.env,
        CARACAL_ADMIN_TOKEN: adminToken,
        // The journeys check decisions and screens, not the deadline (the engine's tests do): a 2-core
        // machine busy with Chromium can stall one evaluation past 100 ms and turn an allow into a deny.
        CARACAL_EVAL_DEADLINE_MS: process.env.CARACAL_EVAL_DEADLINE_MS ?? '2000',
      }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));

  await waitForReady(baseURL, exited, () => output);
  const link = await waitFor(() => /https?:\/\/\S+\/login\?code=[^\s"']+/.exec(output)?.[0], 10_000);

  process.env.E2E_BASE_URL = baseURL;
  process.env.E2E_ADMIN_TOKEN = adminToken;
  process.env.E2E_DATA_DIR = dataDir;
  process.env.E2E_LOGIN_LINK = link ? link.replace(/^https?:\/\/[^/]+/, baseURL) : '';

  return async () => {
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForReady(baseURL: string, exited: Promise<number | null>, log: () => string) {
  let done = false;
  void exited.then(() => (done = true));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (done) throw new Error(`caracal web exited before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${baseURL}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`caracal web was not ready within 60 s (is the build there? run npm run build):\n${log()}`);
}

async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (let value = probe(); ; value = probe()) {
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
