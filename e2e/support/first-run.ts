import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A newcomer's `caracal web`: the README's command with the demo zone (no --no-demo), on its own
 * data directory and a free port, so the one-time link it prints is still unused when the journey
 * opens it (the run's shared server has its link taken by access.spec.ts).
 */
export interface FirstRun {
  url: string;
  loginLink: string;
  adminToken: string;
  stop(): Promise<void>;
}

export async function startFirstRun(): Promise<FirstRun> {
  const root = join(import.meta.dirname, '..', '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'caracal-first-run-'));
  const adminToken = `journey-${randomBytes(18).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, ['bin/caracal.mjs', 'web', '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    env: { ...process.env, CARACAL_ADMIN_TOKEN: adminToken, CARACAL_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

  const deadline = Date.now() + 90_000;
  let loginLink: string | undefined;
  while (!loginLink) {
    loginLink = /http:\/\/127\.0\.0\.1:\d+\/login\?code=[^\s"']+/.exec(output)?.[0];
    if (loginLink) break;
    if (child.exitCode !== null) throw new Error(`caracal web exited before printing a login link:\n${output}`);
    if (Date.now() > deadline) throw new Error(`caracal web printed no login link within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: new URL(loginLink).origin,
    loginLink,
    adminToken,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught exceptions of a page, to assert none happened. */
export function recordConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/**
 * With CARACAL_SCREENSHOTS=1 the journey writes the README tour's pictures into docs/ (a normal
 * run, CI included, leaves the tree alone). 1280x800 at device scale 1 keeps each small.
 */
export async function tourShot(page: Page, name: string) {
  if (process.env.CARACAL_SCREENSHOTS !== '1') return;
  const dir = join(import.meta.dirname, '..', '..', 'docs');
  mkdirSync(dir, { recursive: true });
  let png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  // Busy screens (the audit chart and table) come out bigger: keep their top part, under ~150 KB.
  if (png.length > 150_000) {
    const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
    const height = Math.floor((viewport.height * 140_000) / png.length);
    png = await page.screenshot({ animations: 'disabled', caret: 'hide', clip: { x: 0, y: 0, width: viewport.width, height } });
  }
  writeFileSync(join(dir, `${name}.png`), png);
}

/** A real client-credentials exchange at the STS of `baseURL`. */
export async function exchange(
  request: APIRequestContext,
  baseURL: string,
  app: { client_id: string; client_secret: string },
  resource: string,
  scope: string,
) {
  const response = await request.post(`${baseURL}/oauth/2/token`, {
    headers: { authorization: `Basic ${Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64')}` },
    form: { grant_type: 'client_credentials', resource, scope },
  });
  const body = (await response.json()) as { request_id?: string };
  const requestId = body.request_id ?? response.headers()['x-request-id'];
  expect(requestId, 'the STS names its request id').toBeTruthy();
  return { status: response.status(), requestId: requestId! };
}
