// Explain with a full trace (p50) and impact analysis over 10,000 recorded inputs, against the real
// server in a child process (10-policy active set). Fills the audit log with real STS exchanges first.
//   npx tsx bench/audit-explain-impact.ts [exchanges=10000]
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';

const EXCHANGES = Number(process.argv[2] ?? 10_000);
const child = spawn(process.execPath, ['--import', 'tsx', new URL('./support/sts-server.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
const info = await new Promise<any>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once('line', (l) => resolve(JSON.parse(l)));
  child.once('exit', (c) => reject(new Error(`server exited with ${c}`)));
});
const u = new URL(info.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function call(method: string, path: string, body: string | undefined, headers: Record<string, string>): Promise<{ status: number; text: string; requestId: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path, method, agent, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), requestId: String(res.headers['x-request-id'] ?? '') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const admin = { authorization: `Bearer ${info.admin_token}`, 'content-type': 'application/json' };
const basic = { authorization: `Basic ${Buffer.from(`${info.client_id}:${info.client_secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' };
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(1);

try {
  let sent = 0;
  const requestIds: string[] = [];
  const scopes = ['svc3:read', 'svc3:read svc3:write', 'svc4:read', 'svc3:admin other:x'];
  const fill0 = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (sent < EXCHANGES) {
        const i = sent++;
        const body = new URLSearchParams({ grant_type: 'client_credentials', resource: `resource://svc-${i % 2 ? 3 : 4}/api`, scope: scopes[i % scopes.length] }).toString();
        const r = await call('POST', '/oauth/2/token', body, basic);
        if (requestIds.length < 200) requestIds.push(r.requestId);
      }
    }),
  );
  const fillSec = (performance.now() - fill0) / 1000;
  const ids = requestIds.filter(Boolean).slice(0, 50);
  const z = `/v1/zones/${info.zone_id}`;
  const explain: number[] = [];
  const traceSizes: number[] = [];
  for (const id of ids) {
    const s = performance.now();
    const r = await call('GET', `${z}/audit/by-request/${id}/explain?trace=full`, undefined, admin);
    explain.push(performance.now() - s);
    if (r.status !== 200) throw new Error(`explain ${r.status} ${r.text}`);
    traceSizes.push(JSON.parse(r.text).trace.events.length);
  }
  const impact: number[] = [];
  let last = '';
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    const r = await call('POST', `${z}/policy-sets/${info.set_id}/versions/${info.version_id}/impact`, JSON.stringify({ limit: 10_000 }), admin);
    impact.push(performance.now() - s);
    if (r.status !== 200) throw new Error(`impact ${r.status} ${r.text}`);
    last = r.text;
  }
  const out = JSON.parse(last);
  console.log(`filled ${EXCHANGES} exchanges through the STS in ${fillSec.toFixed(1)} s`);
  console.log(`explain ?trace=full (${Math.min(...traceSizes)}-${Math.max(...traceSizes)} trace events, allowed and denied): p50 ${pct(explain, 0.5)} ms, p95 ${pct(explain, 0.95)} ms over ${explain.length} calls`);
  console.log(`impact over ${out.evaluated} recorded inputs: p50 ${pct(impact, 0.5)} ms, max ${pct(impact, 1)} ms over ${impact.length} runs`);
} finally {
  agent.destroy();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
