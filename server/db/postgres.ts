import pg from 'pg';
import type { Db, Param, Queryable } from './types.ts';

// COUNT(*) and bigint come back as strings by default; our numbers fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** `?` → `$1, $2…` (our SQL never uses `?` inside string literals). */
function numbered(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

function wrap(client: { query: pg.Pool['query'] }): Queryable {
  return {
    dialect: 'postgres',
    async all<T>(sql: string, params: Param[] = []) {
      const r = await client.query(numbered(sql), params);
      return r.rows as T[];
    },
    async get<T>(sql: string, params: Param[] = []) {
      const r = await client.query(numbered(sql), params);
      return r.rows[0] as T | undefined;
    },
    async run(sql: string, params: Param[] = []) {
      const r = await client.query(numbered(sql), params);
      return { changes: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** `schema` pins search_path on every connection (tests use one fresh schema per run). */
export function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  pool.on('error', () => {
    /* an idle client died (e.g. the server restarted); the pool replaces it */
  });
  const base = wrap(pool);
  const safeUrl = url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@');
  return {
    ...base,
    where: safeUrl + (opts.schema ? ` (schema ${opts.schema})` : ''),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pool.end();
    },
  };
}
