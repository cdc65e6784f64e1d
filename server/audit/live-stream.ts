// Server-sent events for new decisions: the audit writer publishes each committed event here,
// every open /audit/stream connection of that zone receives it. A slow client whose socket buffer is
// full is dropped rather than letting memory grow without bound.
import type { ServerResponse } from 'node:http';

const MAX_BUFFERED_BYTES = 1 << 20;

export class LiveStream<E extends { id: string; zone_id: string }> {
  private readonly subscribers = new Map<string, Set<ServerResponse>>();

  subscribe(zoneId: string, res: ServerResponse): () => void {
    let set = this.subscribers.get(zoneId);
    if (!set) this.subscribers.set(zoneId, (set = new Set()));
    set.add(res);
    return () => {
      set.delete(res);
      if (set.size === 0) this.subscribers.delete(zoneId);
    };
  }

  count(zoneId: string): number {
    return this.subscribers.get(zoneId)?.size ?? 0;
  }

  publish(events: E[]): void {
    for (const ev of events) {
      const set = this.subscribers.get(ev.zone_id);
      if (!set) continue;
      const frame = `id: ${ev.id}\nevent: decision\ndata: ${JSON.stringify(ev)}\n\n`;
      for (const res of set) {
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.destroy();
          set.delete(res);
          continue;
        }
        res.write(frame);
      }
    }
  }
}
