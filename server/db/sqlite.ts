import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import type { Db, Param, Queryable } from './types.ts';

/**
 * better-sqlite3 is synchronous and has one connection, so a transaction that awaits
 * (e.g. between statements) must keep every other statement out until it ends:
 * a small FIFO lock does that, and statements outside a transaction wait for it.
 */
export function openSqlite(file: string): Db {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');

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
      raw.close();
    },
  };
  return db;
}
