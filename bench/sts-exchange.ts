// STS throughput: exchanges per second with every audit event committed before the answer, and
// latency percentiles. The server (real engine, 10-policy active set) runs in a child process;
// this process generates the load over loopback with keep-alive connections.
//   npx tsx bench/sts-exchange.ts [seconds=10] [concurrency=32]          closed loop: as fast as it answers
//   npx tsx bench/sts-exchange.ts [seconds=10] --rate 2000               open loop: 2,000 requests/s on a schedule
// The open loop measures each latency from the moment the request was due, not from when it could be
// sent, so a stall shows up in the percentiles instead of silently slowing the load (coordinated omission).
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/sts-exchange.ts   (PostgreSQL store)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const rateAt = args.indexOf('--rate');
const RATE = rateAt >= 0 ? Number(args.splice(rateAt, 2)[1]) : 0;
const SECONDS = Number(args[0] ?? 10);
const CONCURRENCY = RATE ? 256 : Number(args[1] ?? 32);

const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const child = spawn(process.execPath, [...prof, '--import', 'tsx', new URL('./support/sts-server.ts', import.meta.url).pathname], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: process.env,
});
const info = await new Promise<{ url: string; zone_id: string; client_id: string; client_secret: string }>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once('line', (l) => resolve(JSON.parse(l)));
  child.once('exit', (c) => reject(new Error(`server exited with ${c}`)));
});
const u = new URL(info.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const auth = `Basic ${Buffer.from(`${info.client_id}:${info.client_secret}`).toString('base64')}`;
const bodies = [
  'grant_type=client_credentials&resource=resource%3A%2F%2Fsvc-3%2Fapi&scope=svc3%3Aread', // allowed
  'grant_type=client_credentials&resource=resource%3A%2F%2Fsvc-3%2Fapi&scope=svc3%3Aread+svc3%3Awrite', // allowed
  'grant_type=client_credentials&resource=resource%3A%2F%2Fsvc-4%2Fapi&scope=svc4%3Aread', // denied (no rule)
];

function once(body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, path: '/oauth/2/token', method: 'POST', agent, headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Open loop: requests start on a fixed schedule whatever the answers do; latency counts from the due time. */
async function runAtRate(seconds: number, rate: number, record: boolean) {
  const lat: number[] = [];
  const statuses = new Map<number, number>();
  const start = performance.now();
  const total = Math.round(seconds * rate);
  const inflight = new Set<Promise<void>>();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
    for (; sent < due; sent++) {
      const dueAt = start + (sent * 1000) / rate;
      const p = once(bodies[sent % bodies.length]).then((status) => {
        if (record) {
          lat.push(performance.now() - dueAt);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
        inflight.delete(p);
      });
      inflight.add(p);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
  return { lat, statuses, elapsed: (performance.now() - start) / 1000 };
}

async function run(seconds: number, record: boolean) {
  if (RATE) return runAtRate(seconds, RATE, record);
  const lat: number[] = [];
  const statuses = new Map<number, number>();
  const end = performance.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        const status = await once(bodies[i++ % bodies.length]);
        if (record) {
          lat.push(performance.now() - s);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }
    }),
  );
  return { lat, statuses, elapsed: seconds };
}

/** CPU seconds (user + system) a process and its children (the engine) used so far, from /proc. */
function cpuSeconds(pid: number): { self: number; engine: number } {
  const ticks = (p: number) => {
    const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  let engine = 0;
  for (const t of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) engine += ticks(Number(t));
  return { self: ticks(pid), engine };
}

try {
  await run(2, false); // warm-up: JIT, connections, bundle cache
  const cpu0 = cpuSeconds(child.pid!);
  const { lat, statuses, elapsed } = await run(SECONDS, true);
  const cpu1 = cpuSeconds(child.pid!);
  lat.sort((a, b) => a - b);
  const p = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(2);
  const store = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  const load = RATE ? `open loop at ${RATE}/s (up to ${CONCURRENCY} connections)` : `concurrency ${CONCURRENCY}`;
  console.log(`${store}: ${lat.length} exchanges in ${elapsed.toFixed(1)} s = ${(lat.length / elapsed).toFixed(0)}/s, ${load}; latency ms p50 ${p(0.5)} p95 ${p(0.95)} p99 ${p(0.99)} max ${p(1)}; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  const per = (x: number) => ((x * 1000) / lat.length).toFixed(3);
  console.log(`CPU per exchange: server ${per(cpu1.self - cpu0.self)} ms, engine ${per(cpu1.engine - cpu0.engine)} ms (so one free core per process would allow ~${Math.round(lat.length / (cpu1.self - cpu0.self))}/s)`);
} finally {
  agent.destroy();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
