import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';
import type { Db } from './types.ts';

export function openDb(opts: { databaseUrl?: string; dataDir: string; pgSchema?: string; pgPoolMax?: number }): Db {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, { schema: opts.pgSchema, max: opts.pgPoolMax });
  mkdirSync(opts.dataDir, { recursive: true });
  return openSqlite(join(opts.dataDir, 'caracal.db'));
}
