import type { AdminAuditEntry } from '../../contract/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { Queryable } from '../db/types.ts';
import { newId, nowIso } from '../lib/ids.ts';
import type { AdminAuditRow } from '../repositories/admin-audit.ts';
import type { Repos } from './deps.ts';

export interface Mutation {
  zoneId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details?: Record<string, unknown>;
}

/** One admin-audit row per mutation, written in the mutation's own transaction. */
export function recordMutation(repos: Repos, q: Queryable, actor: Actor, requestId: string, m: Mutation, status: 'succeeded' | 'denied' = 'succeeded') {
  return repos.audit.insert(
    {
      id: newId(),
      zone_id: m.zoneId,
      actor: actor.name,
      actor_token_id: actor.tokenId === 'system' ? null : actor.tokenId,
      action: m.action,
      entity_type: m.entityType,
      entity_id: m.entityId,
      status,
      request_id: requestId,
      details_json: JSON.stringify(m.details ?? {}),
      occurred_at: nowIso(),
    },
    q,
  );
}

export function adminAuditView(r: AdminAuditRow): AdminAuditEntry {
  return {
    id: r.id,
    zone_id: r.zone_id,
    actor: r.actor,
    actor_token_id: r.actor_token_id,
    action: r.action,
    entity_type: r.entity_type,
    entity_id: r.entity_id,
    status: r.status,
    request_id: r.request_id,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
    occurred_at: r.occurred_at,
  };
}
