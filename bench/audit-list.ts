// Audit list benchmark: first page (limit 100) of filtered lists at N stored events, SQLite and
// PostgreSQL, through the same repository and service the API uses. Also measures CSV export
// throughput and memory over the whole zone, and the decisions histogram (32 buckets, one SQL aggregate)
// over the whole zone and filtered windows.
//   npx tsx bench/audit-list.ts [N=1000000]   (PostgreSQL when TEST_DATABASE_URL is set)
// The database is created under /tmp (SQLite file, or a throwaway PostgreSQL schema) and removed at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AuditRepo } from '../server/audit/repository.ts';
import { AuditService } from '../server/audit/service.ts';
import { migrate } from '../server/db/migrate.ts';
import { openPostgres } from '../server/db/postgres.ts';
import { openSqlite } from '../server/db/sqlite.ts';
import type { Db } from '../server/db/types.ts';
import type { Bundles } from '../server/services/bundles.ts';
import { FILL_ZONE, fillAudit } from './audit-fill.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const EXPORT_ROWS = Number(process.env.EXPORT_ROWS ?? N);
const RUNS = 40;
const HISTOGRAM_RUNS = 20;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function bench(name: string, db: Db) {
  await migrate(db);
  const t0 = performance.now();
  await fillAudit(db, N, (d) => process.stderr.write(`\r${name}: ${d} rows`));
  const fillSec = (performance.now() - t0) / 1000;
  process.stderr.write('\n');
  const svc = new AuditService(new AuditRepo(db), {} as Bundles);
  const base = { limit: 100, format: 'json' as const };
  const day = new Date(Date.now() - 30 * 86400_000);
  const cases: [string, Record<string, string>][] = [
    ['no filter', {}],
    ['decision=deny', { decision: 'deny' }],
    ['application_id', { application_id: 'app-7' }],
    ['resource', { resource: 'resource://svc-13/api' }],
    ['policy (determining)', { policy: 'policy-3' }],
    ['policy_set_version_id', { policy_set_version_id: 'psv-2' }],
    ['event_type (2%)', { event_type: 'token_request_rejected' }],
    ['one-day window', { since: day.toISOString(), until: new Date(day.getTime() + 86400_000).toISOString() }],
    ['decision+application', { decision: 'deny', application_id: 'app-7' }],
    ['no match', { application_id: 'app-none' }],
  ];
  const rows: string[] = [];
  for (const [label, f] of cases) {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const page = await svc.list(FILL_ZONE, { ...base, ...f } as never);
      times.push(performance.now() - s);
      count = page.items.length;
    }
    rows.push(`| ${name} | ${label} | ${count} | ${pct(times, 50).toFixed(2)} | ${pct(times, 95).toFixed(2)} |`);
  }
  // Histogram: every matching event of the window is counted, so this is the one read that grows with N.
  const histogram: string[] = [];
  const week = new Date(Date.now() - 7 * 86400_000).toISOString();
  const hcases: [string, Record<string, string>][] = [
    ['no filter (all 60 days, window from the data)', {}],
    ['decision=deny', { decision: 'deny' }],
    ['application_id', { application_id: 'app-7' }],
    ['policy (determining)', { policy: 'policy-3' }],
    ['last 7 days', { since: week, until: new Date().toISOString() }],
    ['last 7 days + decision + application', { since: week, until: new Date().toISOString(), decision: 'deny', application_id: 'app-7' }],
  ];
  for (const [label, f] of hcases) {
    const times: number[] = [];
    let counted = 0;
    for (let i = 0; i < HISTOGRAM_RUNS; i++) {
      const s = performance.now();
      const h = await svc.histogram(FILL_ZONE, { buckets: 32, ...f } as never);
      times.push(performance.now() - s);
      counted = h.allow + h.deny;
    }
    histogram.push(`| ${name} | ${label} | ${counted} | ${pct(times, 50).toFixed(1)} | ${pct(times, 95).toFixed(1)} |`);
  }
  // CSV export of the whole zone (or EXPORT_ROWS of it), streamed to a sink that discards bytes.
  let bytes = 0;
  let exported = 0;
  // RSS never shrinks much after the fill and the histogram runs; the export's own cost is the rise.
  global.gc?.();
  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const e0 = performance.now();
  const limited = { ...base, limit: 100 } as never;
  await pipeline(
    svc.export(FILL_ZONE, limited, 'csv'),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) exported++;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        cb(exported > EXPORT_ROWS ? new Error('enough') : null);
      },
    }),
  ).catch((e: Error) => {
    if (e.message !== 'enough') throw e;
  });
  clearInterval(rssTimer);
  const exportSec = (performance.now() - e0) / 1000;
  return {
    fill: `${name}: filled ${N} rows in ${fillSec.toFixed(0)} s`,
    rows,
    histogram,
    export: `| ${name} | ${exported - 1} | ${(exported / exportSec).toFixed(0)} | ${(bytes / 1048576).toFixed(0)} MiB | ${(startRss / 1048576).toFixed(0)} → ${(peakRss / 1048576).toFixed(0)} MiB |`,
  };
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'caracal-bench-audit-'));
try {
  if (!process.env.ONLY_PG) {
    const db = openSqlite(join(dir, 'bench.db'));
    results.push(await bench('SQLite', db));
    await db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const url = process.env.TEST_DATABASE_URL;
if (url && !process.env.ONLY_SQLITE) {
  const schema = `bench_audit_${process.pid}`;
  const admin = openPostgres(url);
  await admin.exec(`CREATE SCHEMA ${schema}`);
  try {
    const db = openPostgres(url, { schema });
    results.push(await bench('PostgreSQL', db));
    await db.close();
  } finally {
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
}
for (const r of results) console.log(r.fill);
console.log(`\nFirst page (limit 100) at ${N} events, ${RUNS} runs each:\n| store | filter | rows | p50 ms | p95 ms |\n|---|---|---|---|---|`);
for (const r of results) for (const row of r.rows) console.log(row);
console.log(`\nHistogram (32 buckets) at ${N} events, ${HISTOGRAM_RUNS} runs each:\n| store | filter | events counted | p50 ms | p95 ms |\n|---|---|---|---|---|`);
for (const r of results) for (const row of r.histogram) console.log(row);
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('\nCSV export:\n| store | rows | rows/s | bytes | RSS at start → peak |\n|---|---|---|---|---|');
for (const r of results) console.log(r.export);
