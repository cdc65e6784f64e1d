import { z } from 'zod';
import { Id, ListQuery, Timestamp } from './common.ts';

export const AdminAuditEntry = z.object({
  id: Id,
  zone_id: Id.nullable(),
  actor: z.string().describe('Name of the token or session that acted'),
  actor_token_id: Id.nullable(),
  action: z.string().describe('e.g. policy.create, policy_set.activate'),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  status: z.enum(['succeeded', 'denied']),
  request_id: z.string(),
  details: z.record(z.string(), z.unknown()),
  occurred_at: Timestamp,
});
export type AdminAuditEntry = z.infer<typeof AdminAuditEntry>;

export const AdminAuditQuery = ListQuery.extend({ action: z.string().max(100).optional() });
