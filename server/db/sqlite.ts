import { AsyncLocalStorage } from 'node:async_hooks';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Db, Param, Queryable } from './types.ts';

/**
 * better-sqlite3 is synchronous and has one connection, so a transaction that awaits
 * (e.g. between statements) must keep every other statement out until it ends:
 * a small FIFO lock does that, and statements outside a transaction wait for it.
 */
export interface SqliteOptions {
  /**
   * Who checkpoints the write-ahead log: 'background' (default) a worker thread started here;
   * 'elsewhere' another connection's checkpointer (this one never checkpoints inside its commits);
   * 'auto' SQLite's own, inside commits.
   */
  checkpoints?: 'background' | 'elsewhere' | 'auto';
}

export function openSqlite(file: string, opts: SqliteOptions = {}): Db {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const mode = opts.checkpoints ?? 'background';
  if (mode === 'elsewhere') raw.pragma('wal_autocheckpoint = 0');
  const checkpointer = mode === 'background' ? startCheckpointer(raw, file) : null;

  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let st = cache.get(sql);
    if (!st) {
      st = raw.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, st);
    }
    return st;
  };

  const direct: Queryable = {
    dialect: 'sqlite',
    async all<T>(sql: string, params: Param[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async get<T>(sql: string, params: Param[] = []) {
      return prepare(sql).get(...params) as T | undefined;
    },
    async run(sql: string, params: Param[] = []) {
      const r = prepare(sql).run(...params);
      return { changes: r.changes };
    },
    async exec(sql: string) {
      raw.exec(sql);
    },
  };

  let locked: Promise<void> = Promise.resolve();
  let inTx = false;
  // Code running inside the transaction that uses the outer handle by mistake joins the
  // transaction instead of waiting for it to end (which would wait forever).
  const insideTx = new AsyncLocalStorage<true>();
  const waitUnlocked = async () => {
    if (insideTx.getStore()) return;
    while (inTx) await locked;
  };

  const db: Db = {
    dialect: 'sqlite',
    where: file,
    async all(sql, params) {
      await waitUnlocked();
      return direct.all(sql, params);
    },
    async get(sql, params) {
      await waitUnlocked();
      return direct.get(sql, params);
    },
    async run(sql, params) {
      await waitUnlocked();
      return direct.run(sql, params);
    },
    async exec(sql) {
      await waitUnlocked();
      return direct.exec(sql);
    },
    async tx(fn) {
      const previous = locked;
      let release!: () => void;
      locked = new Promise<void>((r) => (release = r));
      await previous;
      inTx = true;
      raw.exec('BEGIN IMMEDIATE');
      try {
        const out = await insideTx.run(true, () => fn(direct));
        raw.exec('COMMIT');
        return out;
      } catch (err) {
        if (raw.inTransaction) raw.exec('ROLLBACK');
        throw err;
      } finally {
        inTx = false;
        release();
      }
    },
    async ping() {
      try {
        raw.prepare('SELECT 1').get();
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await waitUnlocked();
      await checkpointer?.stop();
      raw.close();
    },
  };
  return db;
}

/**
 * Moves WAL checkpoints to a worker thread (see sqlite-checkpointer.cjs). If the worker cannot run,
 * the connection goes back to SQLite's own automatic checkpoints (done in its commits; connections opened
 * with 'elsewhere', like the audit append worker's, still leave them to this one).
 */
function startCheckpointer(raw: Database.Database, file: string, intervalMs = 100, maxWalPages = 2_000) {
  const fallBack = () => {
    if (raw.open) raw.pragma('wal_autocheckpoint = 1000');
  };
  let worker: Worker;
  try {
    worker = new Worker(new URL('./sqlite-checkpointer.cjs', import.meta.url), { workerData: { file, intervalMs, maxWalPages } });
  } catch (err) {
    process.emitWarning(`SQLite checkpoints stay in the server thread: ${(err as Error).message}`);
    return null;
  }
  raw.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  let warned = false;
  worker.unref(); // a CLI command that forgets to close the store still exits
  worker.on('message', (m: { error?: string }) => {
    if (m.error && !warned) {
      warned = true;
      process.emitWarning(`SQLite background checkpoint failed (retrying): ${m.error}`);
    }
  });
  worker.on('error', (err) => {
    process.emitWarning(`SQLite checkpoint worker stopped: ${err.message}; checkpoints continue in the server thread`);
    fallBack();
  });
  const exited = new Promise<void>((resolve) =>
    worker.on('exit', () => {
      if (!stopping) fallBack();
      resolve();
    }),
  );
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
