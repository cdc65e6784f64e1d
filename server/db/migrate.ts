import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Numbered files per dialect (`001_init.sql`…), applied in order, each in its own transaction. */
export async function migrate(db: Db): Promise<{ applied: string[] }> {
  const dir = join(here, 'migrations', db.dialect);
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied: string[] = [];
  for (const file of files) {
    const version = Number(file.slice(0, 3));
    const sql = readFileSync(join(dir, file), 'utf8');
    await db.tx(async (t) => {
      // Several replicas may start at once on PostgreSQL: one migrates, the others wait.
      if (t.dialect === 'postgres') await t.exec('SELECT pg_advisory_xact_lock(7242001)');
      const done = await t.get('SELECT version FROM schema_migrations WHERE version = ?', [version]);
      if (done) return;
      await t.exec(sql);
      await t.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        version,
        file,
        new Date().toISOString(),
      ]);
      applied.push(file);
    });
  }
  return { applied };
}
