// Group commit: callers hand in one item each and wait; the writer gathers what arrives within a few
// milliseconds (or up to maxBatch items), writes them in one transaction, then answers every caller.
// Flushes never overlap, so the per-zone hash chain is extended by one writer at a time in this process
// (the store additionally locks the chain head, so replicas cannot interleave either).
export interface GroupCommitOptions {
  /** How long to wait for more items after the first one arrives. */
  windowMs?: number;
  maxBatch?: number;
}

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommitWriter<T> {
  private queue: Pending<T>[] = [];
  private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
  private flushing: Promise<void> | null = null;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  batches = 0;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<void> | void,
    opts: GroupCommitOptions = {},
  ) {
    this.windowMs = opts.windowMs ?? 2;
    this.maxBatch = opts.maxBatch ?? 500;
  }

  /** Resolves once the item is committed; rejects if its batch failed. */
  write(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.kick();
      else if (!this.timer && !this.flushing) {
        // windowMs 0: flush once the current I/O callbacks ran, so requests that arrived together
        // share a transaction without adding a timer's delay to a lone request.
        this.timer = this.windowMs > 0 ? setTimeout(() => this.kick(), this.windowMs) : setImmediate(() => this.kick());
      }
    });
  }

  /** Waits until everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.queue.length || this.flushing) {
      this.kick();
      await this.flushing;
    }
  }

  private kick(): void {
    if (this.timer) {
      if (this.windowMs > 0) clearTimeout(this.timer as NodeJS.Timeout);
      else clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = null;
    }
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
    });
  }

  private async flushLoop(): Promise<void> {
    // Keep going while items arrived during the previous write: they already waited long enough.
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.batches++;
      try {
        await this.writeBatch(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }
}
