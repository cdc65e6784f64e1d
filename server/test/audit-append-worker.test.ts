// The SQLite audit append worker: batches are committed by the worker's own connection before the
// promise resolves (so the server thread reads them at once), chains stay intact, and when the worker
// cannot run, appends fall back to the server thread instead of failing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditAppendWorker } from '../audit/append-worker.ts';
import { AuditRepo, type NewAuditEvent } from '../audit/repository.ts';
import { AuditService } from '../audit/service.ts';
import { migrate } from '../db/migrate.ts';
import { openSqlite } from '../db/sqlite.ts';
import type { Bundles } from '../services/bundles.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ev(i: number): NewAuditEvent {
  return {
    id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`, zone_id: 'z', event_type: 'token_exchange', request_id: `r${i}`,
    decision: i % 2 ? 'allow' : 'deny', evaluation_status: 'complete', application_id: 'a', resource: 'resource://x',
    policy_set_id: 'ps', policy_set_version_id: 'v', manifest_sha: 'f'.repeat(64), determining_policies: [{ policy: 'p' }],
    diagnostics: [], metadata: { n: i }, input: { n: i }, occurred_at: new Date(Date.UTC(2026, 11, 4, 0, 0, i)).toISOString(),
  };
}

async function store() {
  const dir = mkdtempSync(join(tmpdir(), 'caracal-append-'));
  dirs.push(dir);
  const file = join(dir, 'a.db');
  const db = openSqlite(file);
  await migrate(db);
  const repo = new AuditRepo(db);
  return { db, file, repo, service: new AuditService(repo, {} as Bundles) };
}

describe('AuditAppendWorker', () => {
  it('commits each batch on its own connection before resolving; the chain verifies', async () => {
    const { db, file, repo, service } = await store();
    const fallback = { appendBatch: async () => { throw new Error('the fallback must not be used'); } };
    const worker = new AuditAppendWorker(file, fallback);
    await worker.appendBatch([ev(1), ev(2), ev(3)]);
    expect((await service.list('z', { limit: 10, format: 'json' })).items).toHaveLength(3);
    // Batches sent together keep their order in the chain.
    await Promise.all([worker.appendBatch([ev(4)]), worker.appendBatch([ev(5), ev(6)])]);
    await repo.appendBatch([ev(7)]); // the server thread's own connection appends after it
    expect(await service.verify('z')).toEqual({ ok: true, checked: 7 });
    const seqs = await db.all<{ request_id: string; seq: number }>('SELECT request_id, seq FROM audit_events ORDER BY seq');
    expect(seqs.map((r) => r.request_id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7']);
    await worker.close();
    await db.close();
  });

  it('reports a refused batch as an error (nothing written) and keeps working', async () => {
    const { db, file, service } = await store();
    const worker = new AuditAppendWorker(file, { appendBatch: async () => [] });
    await worker.appendBatch([ev(1)]);
    await expect(worker.appendBatch([ev(2), ev(1)])).rejects.toThrow(/UNIQUE|constraint/i); // ev(1)'s id again
    await worker.appendBatch([ev(3)]);
    expect((await service.list('z', { limit: 10, format: 'json' })).items.map((e) => e.request_id)).toEqual(['r3', 'r1']);
    await worker.close();
    await db.close();
  });

  it('falls back to the server thread when the worker cannot open the store', async () => {
    const { db, repo, service } = await store();
    const worker = new AuditAppendWorker('/nonexistent/dir/a.db', repo);
    await worker.appendBatch([ev(1), ev(2)]);
    expect(await service.verify('z')).toEqual({ ok: true, checked: 2 });
    await worker.close();
    await db.close();
  });
});
