// Feeds /audit/stream from the store rather than from this process's writes, so every replica's
// subscribers see every replica's decisions: per zone it remembers the last chain sequence sent and
// reads newer events, on a short interval and at once after a local commit. Per zone the chain
// sequence follows commit order (writers hold the chain head's lock until they commit), so reading
// "seq > last" never skips an event.
import type { ServerResponse } from 'node:http';
import type { AuditEvent } from '../../contract/audit.ts';
import type { LiveStream } from './live-stream.ts';
import { toAuditItem } from './recorder.ts';
import type { AuditRepo } from './repository.ts';

const PAGE = 500;

export class LiveFeed {
  private readonly cursors = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private again = false;

  constructor(
    private readonly repo: AuditRepo,
    private readonly stream: LiveStream<AuditEvent>,
    private readonly intervalMs = 500,
  ) {}

  async subscribe(zoneId: string, res: ServerResponse): Promise<() => void> {
    if (!this.cursors.has(zoneId)) this.cursors.set(zoneId, Number((await this.repo.chainHead(zoneId))?.seq ?? 0));
    const unsubscribe = this.stream.subscribe(zoneId, res);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      unsubscribe();
      if (this.stream.count(zoneId) === 0) this.cursors.delete(zoneId);
      if (this.cursors.size === 0) this.stop();
    };
  }

  /** A local commit happened: look now instead of at the next tick. */
  wake(): void {
    if (this.cursors.size) void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = true;
    try {
      do {
        this.again = false;
        for (const [zoneId, after] of this.cursors) {
          const rows = await this.repo.eventsAfter(zoneId, after, PAGE);
          if (rows.length === 0) continue;
          if (this.cursors.has(zoneId)) this.cursors.set(zoneId, Number(rows[rows.length - 1].seq));
          this.stream.publish(rows.map(toAuditItem));
          if (rows.length === PAGE) this.again = true;
        }
      } while (this.again);
    } catch {
      /* the store is briefly unavailable: the next tick tries again from the same cursors */
    } finally {
      this.polling = false;
    }
  }
}
