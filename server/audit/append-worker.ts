// The server-side handle of the audit append worker (SQLite only). Appending an audit event is about a
// fifth of a token exchange's time on the server thread (canonical JSON, hashes, the commit); on a
// worker it runs beside the next requests. If the worker cannot start or dies, appends continue on
// the server thread through the same repository, so nothing is ever acknowledged unwritten.
import { Worker } from 'node:worker_threads';
import type { AuditRepo, NewAuditEvent } from './repository.ts';

export interface AppendRequest {
  id: number;
  events: NewAuditEvent[];
}
export type AppendResult = { id: number; ok: true } | { id: number; ok: false; message: string };

export class AuditAppendWorker {
  private worker: Worker | null = null;
  private ready: Promise<boolean>;
  private pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  private nextId = 1;

  constructor(
    file: string,
    /** Used when the worker is not available. */
    private readonly fallback: Pick<AuditRepo, 'appendBatch'>,
  ) {
    this.ready = new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(new URL('./append-worker.mjs', import.meta.url), { workerData: { file } });
      } catch (err) {
        process.emitWarning(`audit appends stay on the server thread: ${(err as Error).message}`);
        return resolve(false);
      }
      worker.on('message', (m: AppendResult | 'ready') => {
        if (m === 'ready') {
          // From now on referenced only while a batch is in flight: an idle writer never keeps a CLI
          // command alive, and a process never exits with an append unanswered.
          if (this.pending.size === 0) worker.unref();
          this.worker = worker;
          return resolve(true);
        }
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (this.pending.size === 0) worker.unref();
        if (m.ok) p?.resolve();
        else p?.reject(new Error(m.message));
      });
      const gone = (why: string) => {
        if (this.worker === worker) this.worker = null;
        for (const p of this.pending.values()) p.reject(new Error(`the audit writer stopped (${why})`));
        this.pending.clear();
        resolve(false);
      };
      worker.on('error', (err) => gone(err.message));
      worker.on('exit', (code) => gone(`exit ${code}`));
    });
  }

  async appendBatch(events: NewAuditEvent[]): Promise<void> {
    if (!(await this.ready) || !this.worker) {
      await this.fallback.appendBatch(events);
      return;
    }
    const id = this.nextId++;
    const worker = this.worker;
    await new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, events } satisfies AppendRequest);
    });
  }

  /** Call after the last append finished (the recorder drained). */
  async close(): Promise<void> {
    const worker = (await this.ready) ? this.worker : null;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }
}
