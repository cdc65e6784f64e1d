// `caracal web | migrate | token create | demo`: parse flags, then call into main.ts.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Role } from '../contract/index.ts';
import { systemActor } from './auth/actor.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import { startServer } from './main.ts';
import { makeRepos } from './services/deps.ts';
import { makeServices } from './services/index.ts';
import type { EngineRuntime } from './engine/supervisor.ts';

const USAGE = `Usage:
  caracal web [--host 127.0.0.1] [--port 8080] [--data-dir DIR] [--no-demo] [--open]
  caracal migrate [--data-dir DIR]
  caracal token create --role admin|author|reviewer|auditor [--zone ZONE] --name NAME [--data-dir DIR]
  caracal demo [--data-dir DIR]
Environment: DATABASE_URL, ENGINE_URL, CARACAL_ENGINE_SECRET, CARACAL_ADMIN_TOKEN, CARACAL_LOG_LEVEL, CARACAL_CORS_ORIGIN.`;

class UsageError extends Error {}

function flags(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-demo': { type: 'boolean' },
      open: { type: 'boolean' },
      role: { type: 'string' },
      zone: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return { values, positionals };
}

async function withStore<T>(config: Config, fn: (s: ReturnType<typeof makeServices>) => Promise<T>, engine?: EngineRuntime): Promise<T> {
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgSchema: config.pgSchema });
  try {
    await migrate(db);
    const noEngine = { client: undefined, info: () => ({ healthy: false, restarts: 0 }), onUp() {}, start: async () => {}, stop: async () => {} } as unknown as EngineRuntime;
    return await fn(makeServices({ db, repos: makeRepos(db), engine: engine ?? noEngine, publicUrl: () => '' }));
  } finally {
    await db.close();
  }
}

async function web(config: Config) {
  const server = await startServer(config);
  const out = process.stdout;
  out.write(`\nCaracal policy console is running at ${server.url}\n`);
  out.write(`Store: ${server.services.deps.db.where}\n`);
  if (server.demoCreated) out.write('Created the demo zone "demo" with four policies and an active policy-set version.\n');
  if (server.bootstrapToken) {
    out.write(`\nBootstrap admin token (shown once, keep it safe):\n  ${server.bootstrapToken}\n`);
  }
  out.write(`\nSign in to the console (one-time link, valid 15 minutes):\n  ${server.loginUrl}\n\n`);
  if (config.open) openBrowser(server.loginUrl);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out.write(`\n${signal}: shutting down…\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function openBrowser(url: string) {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'start' : 'xdg-open';
  try {
    spawn(cmd, [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  } catch {
    /* no browser here: the link is printed anyway */
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  const { values, positionals } = flags(rest);
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const config = loadConfig({ host: values.host, port: values.port, dataDir: values['data-dir'], demo: !values['no-demo'], open: values.open });

  switch (command) {
    case 'web':
      await web(config);
      return -1; // keep running
    case 'migrate': {
      const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgSchema: config.pgSchema });
      const r = await migrate(db);
      await db.close();
      process.stdout.write(r.applied.length ? `Applied ${r.applied.join(', ')} to ${db.where}.\n` : `${db.where} is up to date.\n`);
      return 0;
    }
    case 'token': {
      if (positionals[0] !== 'create') throw new UsageError('Only "caracal token create" exists.');
      const role = Role.safeParse(values.role);
      if (!role.success) throw new UsageError('--role must be one of admin, author, reviewer, auditor.');
      if (!values.name) throw new UsageError('--name is required: say who or what will use the token.');
      const created = await withStore(config, (s) => s.auth.createToken({ name: values.name!, role: role.data, zone_id: values.zone }, systemActor, 'cli'));
      process.stdout.write(`${created.token}\n`);
      process.stderr.write(`Created ${created.role} token "${created.name}"${created.zone_id ? ` scoped to zone ${created.zone_id}` : ''} (id ${created.id}). It is shown only this once.\n`);
      return 0;
    }
    case 'demo': {
      const server = await startServer({ ...config, port: 0, demo: true });
      process.stdout.write(server.demoCreated ? 'Created the demo zone "demo".\n' : 'The demo zone already exists; nothing to do.\n');
      if (server.bootstrapToken) process.stdout.write(`Bootstrap admin token (shown once, keep it safe):\n  ${server.bootstrapToken}\n`);
      await server.close();
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

export async function run(argv: string[]) {
  try {
    const code = await main(argv);
    if (code >= 0) process.exit(code);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof UsageError || e instanceof ConfigError || err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      process.stderr.write(`caracal: ${err.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    if (err.code === 'EADDRINUSE') {
      process.stderr.write(`caracal: that address is already in use (${err.message.replace(/^.*in use /, '')}); pick another with --port.\n`);
      process.exit(1);
    }
    process.stderr.write(`caracal: ${err.message}\n`);
    process.exit(1);
  }
}
