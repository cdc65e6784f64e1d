// Configuration from flags and environment, validated at boot; a mistake stops the start with a sentence.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL schema to use (tests give every run its own). */
  pgSchema?: string;
  pgPoolMax: number;
  engineUrl?: string;
  engineSecret?: string;
  engineBin: string;
  evalDeadlineMs: number;
  adminToken?: string;
  demo: boolean;
  open: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  corsOrigin?: string;
  consoleDir: string;
}

export class ConfigError extends Error {}

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface Flags {
  host?: string;
  port?: string;
  dataDir?: string;
  demo?: boolean;
  open?: boolean;
}

export function loadConfig(flags: Flags, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const host = flags.host ?? env.CARACAL_HOST ?? '127.0.0.1';
  const portText = flags.port ?? env.CARACAL_PORT ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`The port must be a number from 0 to 65535, not "${portText}".`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL; leave it unset to use SQLite in the data directory.');
  }
  const pgSchema = env.CARACAL_PG_SCHEMA || undefined;
  if (pgSchema && !/^[a-z_][a-z0-9_]{0,62}$/.test(pgSchema)) throw new ConfigError('CARACAL_PG_SCHEMA must be a plain lowercase identifier.');
  const pgPoolMax = Number(env.CARACAL_PG_POOL_MAX ?? '10');
  if (!Number.isInteger(pgPoolMax) || pgPoolMax < 1 || pgPoolMax > 200) throw new ConfigError('CARACAL_PG_POOL_MAX must be a whole number from 1 to 200.');
  const engineUrl = env.ENGINE_URL || undefined;
  const engineSecret = env.CARACAL_ENGINE_SECRET || undefined;
  if (engineUrl) {
    let u: URL;
    try {
      u = new URL(engineUrl);
    } catch {
      throw new ConfigError(`ENGINE_URL "${engineUrl}" is not a URL (expected e.g. http://127.0.0.1:8181).`);
    }
    if (u.protocol !== 'http:') throw new ConfigError('ENGINE_URL must be an http:// URL.');
    if (!engineSecret) throw new ConfigError('ENGINE_URL needs CARACAL_ENGINE_SECRET: the engine refuses TCP calls without it.');
  }
  const deadline = Number(env.CARACAL_EVAL_DEADLINE_MS ?? '100');
  if (!Number.isInteger(deadline) || deadline < 1 || deadline > 60_000) throw new ConfigError('CARACAL_EVAL_DEADLINE_MS must be a whole number of milliseconds from 1 to 60000.');
  const adminToken = env.CARACAL_ADMIN_TOKEN || undefined;
  if (adminToken && adminToken.length < 16) throw new ConfigError('CARACAL_ADMIN_TOKEN must be at least 16 characters long.');
  const logLevel = (env.CARACAL_LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'silent'].includes(logLevel)) {
    throw new ConfigError('CARACAL_LOG_LEVEL must be one of fatal, error, warn, info, debug, silent.');
  }
  return {
    host,
    port,
    dataDir: resolve(cwd, flags.dataDir ?? env.CARACAL_DATA_DIR ?? '.caracal'),
    databaseUrl,
    pgSchema,
    pgPoolMax,
    engineUrl,
    engineSecret,
    engineBin: resolve(env.CARACAL_ENGINE_BIN ?? resolve(repoRoot, '.build/caracal-engine')),
    evalDeadlineMs: deadline,
    adminToken,
    demo: flags.demo ?? true,
    open: flags.open ?? false,
    logLevel,
    corsOrigin: env.CARACAL_CORS_ORIGIN || undefined,
    consoleDir: resolve(env.CARACAL_CONSOLE_DIR ?? resolve(repoRoot, 'dist')),
  };
}
