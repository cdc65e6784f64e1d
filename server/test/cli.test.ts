// The CLI as a user runs it: migrate, token create, and plain-sentence refusals.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/open.ts';
import { sha256hex } from '../lib/ids.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '../../bin/caracal.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'cct-cli-'));
const env = { ...process.env, DATABASE_URL: '', CARACAL_LOG_LEVEL: 'silent' };

const caracal = async (...args: string[]) => {
  try {
    const r = await run(process.execPath, [bin, ...args], { env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

describe('caracal CLI', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('migrate applies the migrations once', async () => {
    const first = await caracal('migrate', '--data-dir', dataDir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied 001_init\.sql/);
    const second = await caracal('migrate', '--data-dir', dataDir);
    expect(second.stdout).toMatch(/up to date/);
  });

  it('token create prints a token that is stored hashed with its role', async () => {
    const r = await caracal('token', 'create', '--role', 'auditor', '--name', 'nightly export', '--data-dir', dataDir);
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^cat_[A-Za-z0-9_-]{43}$/);
    expect(r.stderr).toMatch(/Created auditor token "nightly export"/);
    const db = openDb({ dataDir });
    const row = await db.get<{ role: string; name: string }>('SELECT role, name FROM admin_tokens WHERE token_hash = ?', [sha256hex(token)]);
    await db.close();
    expect(row).toEqual({ role: 'auditor', name: 'nightly export' });
  });

  it('refuses bad usage with a sentence and exit code 2', async () => {
    const badRole = await caracal('token', 'create', '--role', 'root', '--name', 'x', '--data-dir', dataDir);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of admin, author, reviewer, auditor/);
    const badFlag = await caracal('web', '--colour');
    expect(badFlag.code).toBe(2);
    const badPort = await caracal('web', '--port', 'eighty');
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/port must be a number/);
    const unknownZone = await caracal('token', 'create', '--role', 'author', '--zone', 'nope', '--name', 'x', '--data-dir', dataDir);
    expect(unknownZone.code).toBe(1);
    expect(unknownZone.stderr).toMatch(/No zone with id "nope"/);
  });
});
