// The Audit decisions screen at 1,000,000 stored events, in Debian's Chromium against a real
// `caracal web`: time to the first rows, then a scripted scroll through the virtualised table
// (keyset pages of 500 load as the end nears) while long tasks and frame gaps are recorded.
//   npx tsx bench/audit-console.ts [N=1000000] [rowsToScroll=20000]      (after `npm run build`)
// CARACAL_CONSOLE_DIR picks another build. Bounded: fixed scroll steps, every wait has a timeout;
// the data directory lives under /tmp and is removed, the server is stopped at the end.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../server/db/migrate.ts';
import { openSqlite } from '../server/db/sqlite.ts';
import { FILL_ZONE, fillAudit } from './audit-fill.ts';

const N = Number(process.argv[2] ?? 1_000_000);
const SCROLL_ROWS = Number(process.argv[3] ?? 20_000);
const ROW = 40;
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'caracal-audit-console-'));

const db = openSqlite(join(dir, 'caracal.db'));
await migrate(db);
const now = new Date().toISOString();
await db.run('INSERT INTO zones (id, name, slug, settings_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [FILL_ZONE, 'Bench', FILL_ZONE, '{}', now, now]);
const f0 = performance.now();
await fillAudit(db, N, (d) => process.stderr.write(`\rfilled ${d} rows`));
process.stderr.write('\n');
const fillSec = (performance.now() - f0) / 1000;
await db.close();

const port = 20_000 + Math.floor(Math.random() * 20_000);
const token = `bench-${randomBytes(16).toString('hex')}`;
const server = spawn(process.execPath, ['bin/caracal.mjs', 'web', '--no-demo', '--data-dir', dir, '--port', String(port)], {
  cwd: root,
  env: { ...process.env, CARACAL_ADMIN_TOKEN: token },
  stdio: 'ignore',
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i++) {
    if (i > 240) throw new Error('server not ready in 60 s');
    if (await fetch(`${base}/ready`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ baseURL: base, viewport: { width: 1400, height: 900 } });
  // tsx (esbuild) names functions with a __name helper that the page does not have.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.request.post('/v1/session', { data: { token } });
  const t0 = performance.now();
  await page.goto(`/zones/${FILL_ZONE}/audit`);
  await page.getByRole('table', { name: 'Decisions' }).getByRole('row').nth(5).waitFor({ timeout: 30_000 });
  const firstRowsMs = performance.now() - t0;

  const result = await page.evaluate(
    async ({ rows, rowHeight }) => {
      const body = document.querySelector('[aria-label="Decisions, newest first"]') as HTMLElement;
      const longTasks: number[] = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
      const gaps: number[] = [];
      let last = performance.now();
      const target = rows * rowHeight;
      const start = performance.now();
      // 400 px per frame (a fast wheel), waiting at the loaded end for the next keyset page.
      for (let frames = 0; body.scrollTop < target - body.clientHeight && frames < 20_000; frames++) {
        body.scrollTop += 400;
        await new Promise(requestAnimationFrame);
        const t = performance.now();
        gaps.push(t - last);
        last = t;
      }
      const sorted = [...gaps].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
      return {
        seconds: (performance.now() - start) / 1000,
        frames: gaps.length,
        p50: q(0.5),
        p95: q(0.95),
        max: sorted.at(-1)!,
        longTasks: longTasks.length,
        longestTask: Math.max(0, ...longTasks),
        rowsInDom: body.querySelectorAll('[role="row"]').length,
        reached: Math.round(body.scrollTop / rowHeight),
        heapMiB: ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1048576,
      };
    },
    { rows: SCROLL_ROWS, rowHeight: ROW },
  );
  await browser.close();
  console.log(`filled ${N} events in ${fillSec.toFixed(0)} s`);
  console.log(`first rows on screen: ${firstRowsMs.toFixed(0)} ms`);
  console.log(
    `scrolled to row ${result.reached} in ${result.seconds.toFixed(1)} s over ${result.frames} frames: frame gap p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(0)} ms; ` +
      `${result.longTasks} long tasks (longest ${result.longestTask.toFixed(0)} ms); ${result.rowsInDom} rows in the DOM; JS heap ${result.heapMiB.toFixed(0)} MiB`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dir, { recursive: true, force: true });
}
