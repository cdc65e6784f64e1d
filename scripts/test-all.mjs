#!/usr/bin/env node
// `npm test`: builds the engine and the console, then runs every suite — engine (go test -race),
// server API (vitest, SQLite and PostgreSQL), console unit (vitest) and end-to-end (Playwright) —
// and ends with one summary line "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.build', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env, ...opts });
  return r.status ?? 1;
}

function ensureDatabaseUrl() {
  if (process.env.TEST_DATABASE_URL) return;
  if (existsSync('/usr/lib/postgresql') && process.getuid?.() === 0) {
    const r = spawnSync('bash', ['scripts/start-postgres.sh'], { cwd: root, encoding: 'utf8' });
    if (r.status === 0) process.env.TEST_DATABASE_URL = r.stdout.trim();
  }
  if (!process.env.TEST_DATABASE_URL && process.env.CI) {
    console.error('test: CI=true but no PostgreSQL: set TEST_DATABASE_URL or install postgresql.');
    process.exit(1);
  }
}

const results = [];

function goSuite() {
  const file = join(out, 'engine.json');
  const r = spawnSync('bash', ['-c', `cd engine && go test -race -json ./... > ${JSON.stringify(file)}`], { cwd: root, stdio: 'inherit' });
  let passed = 0, failed = 0, skipped = 0;
  const failures = [];
  const outputByTest = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const ev = JSON.parse(line);
    const key = `${ev.Package} ${ev.Test ?? ''}`;
    if (ev.Action === 'output') outputByTest.set(key, (outputByTest.get(key) ?? '') + ev.Output);
    if (!ev.Test) { if (ev.Action === 'fail' && !failures.length) failures.push(key); continue; }
    if (ev.Action === 'pass') passed++;
    else if (ev.Action === 'fail') { failed++; failures.push(key); }
    else if (ev.Action === 'skip') skipped++;
  }
  for (const f of failures) process.stdout.write(`\n--- engine failure: ${f}\n${outputByTest.get(f) ?? ''}`);
  if (r.status !== 0 && failed === 0) failed = 1; // build failure or package-level failure
  console.log(`engine: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  results.push({ name: 'engine', passed, failed, skipped });
}

function vitestSuite(name, config) {
  if (!existsSync(join(root, config))) return;
  const file = join(out, `${name}.json`);
  const status = run('npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  let passed = 0, failed = 0, skipped = 0;
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    passed = j.numPassedTests; failed = j.numFailedTests; skipped = j.numPendingTests + (j.numTodoTests ?? 0);
  }
  if (status !== 0 && failed === 0) failed = 1;
  console.log(`${name}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  results.push({ name, passed, failed, skipped });
}

function playwrightSuite() {
  if (!existsSync(join(root, 'playwright.config.ts'))) return;
  const file = join(out, 'e2e.json');
  const status = run('npx', ['playwright', 'test', '--reporter=list,json'], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: file } });
  let passed = 0, failed = 0, skipped = 0;
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
    passed = (s.expected ?? 0) + (s.flaky ?? 0); failed = s.unexpected ?? 0; skipped = s.skipped ?? 0;
  }
  if (status !== 0 && failed === 0) failed = 1;
  console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  results.push({ name: 'e2e', passed, failed, skipped });
}

ensureDatabaseUrl();
if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.log('build failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (run('npm', ['run', '--silent', 'typecheck']) !== 0) results.push({ name: 'typecheck', passed: 0, failed: 1, skipped: 0 });
goSuite();
vitestSuite('server', 'server/vitest.config.ts');
vitestSuite('console', 'vitest.config.ts');
playwrightSuite();

const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log('\n' + results.map((r) => `  ${r.name}: ${r.passed} passed, ${r.failed} failed`).join('\n'));
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
