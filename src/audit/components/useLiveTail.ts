import { useEffect, useRef } from 'react';
import { auditPaths, AuditEvent } from '../../../contract/audit.ts';
import type { AuditEventRow } from '../api/queries';

/**
 * Subscribes to the zone's server-sent decision stream while `enabled`; calls `onEvent` with each
 * new decision (parsed with the contract, so a drifted server shows nothing rather than garbage).
 * EventSource reconnects by itself after the server's `retry`.
 */
export function useLiveTail(zoneId: string, enabled: boolean, onEvent: (event: AuditEventRow) => void) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(auditPaths.stream(zoneId), { withCredentials: true });
    const listener = (message: MessageEvent<string>) => {
      try {
        const parsed = AuditEvent.safeParse(JSON.parse(message.data));
        if (parsed.success) handler.current(parsed.data);
      } catch {
        // a malformed frame is skipped; the next one still arrives
      }
    };
    source.addEventListener('decision', listener);
    return () => {
      source.removeEventListener('decision', listener);
      source.close();
    };
  }, [zoneId, enabled]);
}
