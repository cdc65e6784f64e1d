// Process things: open the store, migrate, start the engine, bootstrap, listen, shut down.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import { seedDemo } from './demo/seed.ts';
import { ExternalEngine, SupervisedEngine, type EngineRuntime } from './engine/supervisor.ts';
import type { Readiness } from './routes/health.ts';
import { makeRepos } from './services/deps.ts';
import { makeServices } from './services/index.ts';
import { seedDemoTraffic } from './sts/demo-traffic.ts';
import { makeStsAudit } from './sts/module.ts';

export interface RunningServer {
  url: string;
  services: ReturnType<typeof makeServices>;
  /** Printed once: only on the very first start (absent with CARACAL_ADMIN_TOKEN). */
  bootstrapToken?: string;
  loginUrl: string;
  demoCreated: boolean;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const log = pino({ level: config.logLevel });
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgSchema: config.pgSchema, pgPoolMax: config.pgPoolMax });
  await migrate(db);

  const engine: EngineRuntime = config.engineUrl
    ? new ExternalEngine(config.engineUrl, config.engineSecret, log)
    : new SupervisedEngine(
        { bin: config.engineBin, socketPath: join(config.dataDir, 'engine.sock'), pidFile: join(config.dataDir, 'engine.pid'), deadlineMs: config.evalDeadlineMs },
        log,
      );
  let url = '';
  const services = makeServices({ db, repos: makeRepos(db), engine, publicUrl: () => url });
  engine.onUp(() => services.bundles.preloadActive());

  const readiness: Readiness = { startup: false };
  const stsAudit = makeStsAudit(services);
  const app = await buildApp({ services, readiness, consoleDir: config.consoleDir, corsOrigin: config.corsOrigin, logger: log, stsAudit });

  // Replicas over PostgreSQL learn about each other's activations by polling the pointers.
  let poll: NodeJS.Timeout | undefined;
  if (db.dialect === 'postgres') {
    poll = setInterval(() => {
      if (engine.info().healthy) services.bundles.syncActive().catch((err: Error) => log.warn({ err }, 'active-version sync failed'));
    }, 2000);
    poll.unref();
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    if (poll) clearInterval(poll);
    readiness.startup = false;
    await app.close().catch(() => {});
    await engine.stop().catch(() => {});
    await db.close().catch(() => {});
  };

  try {
    await app.listen({ host: config.host, port: config.port });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    await engine.start();
    const boot = await services.auth.bootstrap(config.adminToken);
    const demo = config.demo ? await seedDemo(services) : { created: false };
    if (demo.created) await services.bundles.preloadActive();
    if (demo.created && 'zoneId' in demo) await seedDemoTraffic(stsAudit, url, demo.zoneId);
    const code = await services.auth.loginCode(boot.tokenId);
    readiness.startup = true;
    return { url, services, bootstrapToken: boot.printToken, loginUrl: `${url}/login?code=${code}`, demoCreated: demo.created, close };
  } catch (e) {
    await close();
    throw e;
  }
}
