// The audit store on both databases: appends chain per zone, the database refuses UPDATE/DELETE,
// filters and keyset pages are exact, and tampering done behind the triggers' back is reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepo, type NewAuditEvent } from '../audit/repository.ts';
import { AuditService } from '../audit/service.ts';
import { migrate } from '../db/migrate.ts';
import { openPostgres } from '../db/postgres.ts';
import { openSqlite } from '../db/sqlite.ts';
import type { Db } from '../db/types.ts';
import type { Bundles } from '../services/bundles.ts';

const PG_URL = process.env.TEST_DATABASE_URL;

function ev(i: number, zone: string, over: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    id: `0190000${String(i).padStart(5, '0')}-${zone}`,
    zone_id: zone,
    event_type: 'token_exchange',
    request_id: `req-${i}`,
    decision: i % 2 ? 'allow' : 'deny',
    evaluation_status: 'complete',
    application_id: `app-${i % 3}`,
    resource: 'resource://payments/api',
    policy_set_id: 'ps',
    policy_set_version_id: 'psv',
    manifest_sha: 'a'.repeat(64),
    determining_policies: i % 2 ? [{ policy: 'payments-read' }] : [{ policy: 'deny_suspended' }, { policy: 'payments-read' }],
    diagnostics: [],
    metadata: { latency_ms: i },
    input: { principal: { id: `app-${i % 3}` }, n: i },
    occurred_at: new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString(),
    ...over,
  };
}

const dialects: { name: string; open: () => Promise<{ db: Db; cleanup: () => Promise<void> }> }[] = [
  {
    name: 'sqlite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'caracal-audit-'));
      const db = openSqlite(join(dir, 'a.db'));
      return { db, cleanup: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
];
if (PG_URL) {
  dialects.push({
    name: 'postgres',
    open: async () => {
      const schema = `audit_store_${process.pid}_${Date.now()}`;
      const admin = openPostgres(PG_URL);
      await admin.exec(`CREATE SCHEMA ${schema}`);
      const db = openPostgres(PG_URL, { schema });
      return {
        db,
        cleanup: async () => { await db.close(); await admin.exec(`DROP SCHEMA ${schema} CASCADE`); await admin.close(); },
      };
    },
  });
}

describe.each(dialects)('audit store on $name', ({ open }) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let repo: AuditRepo;
  let service: AuditService;

  beforeAll(async () => {
    ({ db, cleanup } = await open());
    await migrate(db);
    repo = new AuditRepo(db);
    service = new AuditService(repo, {} as Bundles);
    await repo.appendBatch([1, 2, 3, 4, 5].map((i) => ev(i, 'z1')));
    await repo.appendBatch([6, 7].map((i) => ev(i, 'z1')).concat([ev(8, 'z2')]));
  });
  afterAll(async () => cleanup());

  it('chains each zone on its own and verifies', async () => {
    expect(await service.verify('z1')).toEqual({ ok: true, checked: 7 });
    expect(await service.verify('z2')).toEqual({ ok: true, checked: 1 });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await expect(db.run("UPDATE audit_events SET decision = 'allow' WHERE request_id = 'req-2'")).rejects.toThrow(/append-only|immutable/);
    await expect(db.run("DELETE FROM audit_events WHERE request_id = 'req-2'")).rejects.toThrow(/append-only|immutable/);
  });

  it('filters and pages newest first with an opaque cursor', async () => {
    const first = await service.list('z1', { limit: 2, format: 'json' });
    expect(first.items.map((e) => e.request_id)).toEqual(['req-7', 'req-6']);
    const second = await service.list('z1', { limit: 2, format: 'json', cursor: first.next_cursor! });
    expect(second.items.map((e) => e.request_id)).toEqual(['req-5', 'req-4']);
    const denies = await service.list('z1', { limit: 100, format: 'json', decision: 'deny' });
    expect(denies.items.map((e) => e.request_id)).toEqual(['req-6', 'req-4', 'req-2']);
    const byPolicy = await service.list('z1', { limit: 2, format: 'json', policy: 'deny_suspended' });
    expect(byPolicy.items.map((e) => e.request_id)).toEqual(['req-6', 'req-4']);
    const byPolicy2 = await service.list('z1', { limit: 2, format: 'json', policy: 'deny_suspended', cursor: byPolicy.next_cursor! });
    expect(byPolicy2.items.map((e) => e.request_id)).toEqual(['req-2']);
    expect(byPolicy2.next_cursor).toBeNull();
    const window = await service.list('z1', {
      limit: 100, format: 'json', since: '2026-12-01T00:00:03.000Z', until: '2026-12-01T00:00:05.000Z', application_id: 'app-1',
    });
    expect(window.items.map((e) => e.request_id)).toEqual(['req-4']);
  });

  it('exports every row of a zone across many pages, newest first, each once', async () => {
    // 1,100 events in zone z3, half of them in the same millisecond, so pages (250 rows) end inside a tie.
    const events = Array.from({ length: 1100 }, (_, i) =>
      ev(10_000 + i, 'z3', { occurred_at: new Date(Date.UTC(2026, 11, 2, 0, 0, i < 550 ? 0 : i)).toISOString() }),
    );
    for (let i = 0; i < events.length; i += 200) await repo.appendBatch(events.slice(i, i + 200));
    let text = '';
    for await (const chunk of service.export('z3', { limit: 100, format: 'csv' }, 'csv')) text += chunk;
    const ids = text.trim().split('\r\n').slice(1).map((line) => line.slice(0, line.indexOf(',')));
    expect(ids).toHaveLength(1100);
    expect(new Set(ids).size).toBe(1100);
    const expected = [...events].sort((a, b) => (a.occurred_at === b.occurred_at ? (a.id < b.id ? 1 : -1) : a.occurred_at < b.occurred_at ? 1 : -1));
    expect(ids).toEqual(expected.map((e) => e.id));
  });

  it('returns the stored input by request', async () => {
    const [e] = await service.byRequest('z1', 'req-3');
    expect(e.policy_input).toEqual({ principal: { id: 'app-0' }, n: 3 });
  });

  it('reports an event altered or deleted behind the triggers', async () => {
    const target = (await service.byRequest('z1', 'req-3'))[0];
    if (db.dialect === 'sqlite') {
      await db.exec('DROP TRIGGER audit_events_append_only_u');
      await db.run("UPDATE audit_events SET decision = 'deny' WHERE id = ?", [target.id]);
    } else {
      await db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await db.run("UPDATE audit_events SET decision = 'deny' WHERE id = ?", [target.id]);
    }
    expect(await service.verify('z1')).toMatchObject({ ok: false, first_bad_event_id: target.id });
    const z2 = await service.byRequest('z2', 'req-8');
    if (db.dialect === 'sqlite') {
      await db.exec('DROP TRIGGER audit_events_append_only_d');
    }
    await repo.appendBatch([ev(9, 'z2')]);
    const nine = (await service.byRequest('z2', 'req-9'))[0];
    await db.run('DELETE FROM audit_events WHERE id = ?', [z2[0].id]);
    expect(await service.verify('z2')).toMatchObject({ ok: false, first_bad_event_id: nine.id });
  });
});

describe.skipIf(!PG_URL)('audit partitions on postgres', () => {
  it('creates the coming months ahead and routes events of a new month to its partition', async () => {
    const schema = `audit_parts_${process.pid}_${Date.now()}`;
    const admin = openPostgres(PG_URL!);
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const db = openPostgres(PG_URL!, { schema });
    try {
      await migrate(db);
      const repo = new AuditRepo(db);
      await repo.preparePartitions(new Date('2031-01-15T00:00:00Z'), 2);
      const parts = await db.all<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'audit_events_2031%' ORDER BY 1");
      expect(parts.map((p) => p.t)).toEqual(['audit_events_2031_01', 'audit_events_2031_02', 'audit_events_2031_03']);
      await repo.appendBatch([ev(1, 'zp', { occurred_at: '2033-07-04T12:00:00.000Z' })]);
      const where = await db.get<{ p: string }>("SELECT tableoid::regclass::text AS p FROM audit_events WHERE zone_id = 'zp'");
      expect(where!.p).toMatch(/audit_events_2033_07$/);
    } finally {
      await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  });
});
