#!/usr/bin/env node
// Console size and speed: `npm run bench:console` (after `npm run build`).
// 1. Build output: gzip size of the entry chunk, of what the first screen loads, and of the lazy
//    Monaco chunk (must not be referenced by index.html).
// 2. In Debian's Chromium against a real `caracal web` on a temporary data dir: time from a click on
//    a policy link to an editor that shows a typed character; typing in a 5,000-line policy; the
//    policy list with BENCH_POLICIES policies (default 10,000) — first rows, rows in the DOM, all pages.
// Bounded: a fixed number of runs, every wait has a timeout, the server is stopped at the end.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const POLICIES = Number(process.env.BENCH_POLICIES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function sizes() {
  const dist = join(root, 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const gz = (file) => gzipSync(readFileSync(join(dist, 'assets', file))).length;
  const referenced = [...html.matchAll(/assets\/([^"']+\.(?:js|css))/g)].map((m) => m[1]);
  const entry = /<script type="module"[^>]*src="\/assets\/([^"]+)"/.exec(html)[1];
  const js = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const largest = js.map((f) => ({ f, size: gz(f) })).sort((a, b) => b.size - a.size);
  const monaco = largest.find(({ f }) => readFileSync(join(dist, 'assets', f), 'utf8').includes('registerCompletionItemProvider'));
  // The library itself (not chunks that merely name a lazy mermaid file in their preload map).
  const mermaid = js.filter((f) => readFileSync(join(dist, 'assets', f), 'utf8').includes('mermaidAPI'));
  return {
    entry: gz(entry),
    initial: referenced.reduce((sum, f) => sum + gz(f), 0),
    monacoChunk: monaco ? { file: monaco.f, size: monaco.size, lazy: !referenced.includes(monaco.f) } : null,
    mermaidChunks: mermaid.length,
    mermaidEager: mermaid.filter((f) => referenced.includes(f)).length,
    chunks: js.length,
  };
}

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'caracal-bench-'));
  const port = await freePort();
  const token = `bench-${randomBytes(16).toString('hex')}`;
  const child = spawn(process.execPath, ['bin/caracal.mjs', 'web', '--no-demo', '--data-dir', dataDir, '--port', String(port)], {
    cwd: root,
    env: { ...process.env, CARACAL_ADMIN_TOKEN: token, CARACAL_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  const api = async (method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json();
  };
  const stop = () => {
    child.kill('SIGTERM');
    setTimeout(() => rmSync(dataDir, { recursive: true, force: true }), 1000);
  };
  return { base, token, api, stop };
}

const small = `package caracal.authz

allow if {
	"team:payments" in input.principal.labels
	input.resource.identifier == "resource://payments-api"
}
`;
function bigPolicy(lines) {
  const rules = [];
  for (let i = 0; rules.length < lines - 2; i++) rules.push(`limit_${i} := ${i}`);
  return `package caracal.authz\n\n${rules.join('\n')}\n`;
}

async function main() {
  const s = sizes();
  console.log(`entry chunk ${kb(s.entry)} gzip · first screen (index.html assets) ${kb(s.initial)} gzip · ${s.chunks} JS chunks`);
  console.log(`Monaco chunk ${s.monacoChunk ? `${kb(s.monacoChunk.size)} gzip, lazy: ${s.monacoChunk.lazy}` : 'not found'} · mermaid library chunks: ${s.mermaidChunks}, of them loaded by index.html: ${s.mermaidEager}`);

  const server = await startServer();
  try {
    const zone = await server.api('POST', '/v1/zones', { name: 'Bench' });
    const target = await server.api('POST', `/v1/zones/${zone.id}/policies`, { name: 'aaa-bench-target', content: small });
    const big = await server.api('POST', `/v1/zones/${zone.id}/policies`, { name: 'aaa-bench-5000-lines', content: bigPolicy(5000) });

    const seedStart = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < POLICIES) {
        const n = next++;
        await server.api('POST', `/v1/zones/${zone.id}/policies`, { name: `bulk-${String(n).padStart(5, '0')}`, content: small });
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    console.log(`seeded ${POLICIES} policies in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ baseURL: server.base });
    await context.request.post('/v1/session', { data: { token: server.token } });
    const page = await context.newPage();
    const zonePath = `/zones/${zone.id}`;

    // Policy list with all policies: first rows, DOM size, time to page through everything.
    const loadedAssets = new Set();
    page.on('response', (r) => {
      const m = /\/assets\/([^?]+\.(?:js|css))$/.exec(new URL(r.url()).pathname);
      if (m) loadedAssets.add(m[1]);
    });
    let t = performance.now();
    await page.goto(`${zonePath}/policies`);
    await page.getByRole('link', { name: 'aaa-bench-target' }).waitFor({ timeout: 30_000 });
    const firstRows = performance.now() - t;
    const atFirstRows = new Set(loadedAssets);
    t = performance.now();
    const total = POLICIES + 2;
    for (let i = 0; i < 400; i++) {
      const status = await page.getByRole('status').filter({ hasText: /polic/ }).first().innerText();
      if (status.startsWith(`${total} `)) break;
      await page.locator('[role="table"] [role="rowgroup"]').nth(1).evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.waitForTimeout(50);
    }
    const allPages = performance.now() - t;
    const domRows = await page.getByRole('row').count();
    const firstScreenAssets = [...atFirstRows];
    const firstScreen = firstScreenAssets.reduce((sum, f) => sum + gzipSync(readFileSync(join(root, 'dist', 'assets', f))).length, 0);
    console.log(`first screen (policy list) loads ${firstScreenAssets.length} assets, ${kb(firstScreen)} gzip; Monaco among them: ${s.monacoChunk ? atFirstRows.has(s.monacoChunk.file) : 'n/a'} (it is prefetched when the browser is idle afterwards)`);
    console.log(`list: first rows ${firstRows.toFixed(0)} ms · all ${total} loaded by scrolling in ${allPages.toFixed(0)} ms · rows in DOM ${domRows}`);

    // Editor interactive after navigation (client-side, from the list; Monaco cached after the first).
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${zonePath}/policies?q=aaa-bench-target`);
      const link = page.getByRole('link', { name: 'aaa-bench-target' });
      await link.waitFor();
      t = performance.now();
      await link.click();
      const lines = page.locator('[data-editor-ready="true"] .monaco-editor .view-lines');
      await lines.click({ timeout: 15_000 });
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.insertText('#z');
      await lines.getByText('#z').waitFor({ timeout: 15_000 });
      runs.push(performance.now() - t);
      page.once('dialog', (d) => d.accept());
    }
    console.log(`editor interactive after navigation: first ${runs[0].toFixed(0)} ms (cold Monaco) · median of ${RUNS} ${median(runs).toFixed(0)} ms`);

    // Typing in a 5,000-line policy: time per key from keydown to the character on screen.
    await page.goto(`${zonePath}/policies/${big.id}`);
    const bigLines = page.locator('[data-editor-ready="true"] .monaco-editor .view-lines');
    await bigLines.click({ timeout: 30_000 });
    await page.keyboard.press('ControlOrMeta+End');
    // Event Timing API: for each keystroke, input delay + handlers + next paint (what INP measures).
    await page.evaluate(() => {
      window.__keyDurations = [];
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name === 'keydown' || e.name === 'keypress' || e.name === 'beforeinput') window.__keyDurations.push(e.duration);
      }).observe({ type: 'event', durationThreshold: 16 });
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    });
    const keys = 60;
    t = performance.now();
    for (let i = 0; i < keys; i++) await page.keyboard.type(i % 20 === 19 ? '\n' : 'x');
    await bigLines.getByText('x'.repeat(19)).first().waitFor();
    const perKey = (performance.now() - t) / keys;
    await page.waitForTimeout(300);
    const { durations, longTasks } = await page.evaluate(() => ({ durations: window.__keyDurations, longTasks: window.__longTasks }));
    const slow = durations.length ? Math.max(...durations) : 0;
    console.log(
      `5,000-line policy: ${perKey.toFixed(1)} ms per key round trip from Playwright (${keys} keys) · key events over 16 ms: ${durations.length}, slowest ${slow.toFixed(0)} ms · long tasks while typing: ${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms`,
    );
    await browser.close();
  } finally {
    server.stop();
  }
}

await main();
