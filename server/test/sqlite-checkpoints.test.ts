// SQLite's write-ahead log is copied back into the database file by a worker thread, so commits on
// the server's thread never stall on a checkpoint (the STS's p99 depends on it), and the log stays bounded.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../db/sqlite.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Writes ~2 MB in 40 commits: below SQLite's own automatic checkpoint (1,000 pages, ~4 MB). */
async function writeTwoMegabytes(checkpoints: 'background' | 'auto') {
  const dir = mkdtempSync(join(tmpdir(), 'caracal-ckpt-'));
  dirs.push(dir);
  const file = join(dir, 'c.db');
  const db = openSqlite(file, { checkpoints });
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const body = 'x'.repeat(50_000);
  for (let i = 0; i < 40; i++) await db.tx((t) => t.run('INSERT INTO t (body) VALUES (?)', [body]));
  return { db, file };
}

async function databaseFileGrowsPast(file: string, bytes: number, withinMs: number) {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (statSync(file).size > bytes) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe('SQLite checkpoints', () => {
  it('are done in the background: committed pages reach the database file without any further write', async () => {
    const { db, file } = await writeTwoMegabytes('background');
    expect(await databaseFileGrowsPast(file, 1_500_000, 3000)).toBe(true);
    await db.close();
  });

  it('(control) without the worker the pages stay in the log until SQLite checkpoints at 1,000 pages', async () => {
    const { db, file } = await writeTwoMegabytes('auto');
    expect(await databaseFileGrowsPast(file, 1_500_000, 500)).toBe(false);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1_500_000);
    await db.close();
  });
});
