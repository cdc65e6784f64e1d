import { z } from 'zod';
import { Id, Name, PathId, Role, Timestamp } from './common.ts';

export const SESSION_COOKIE = 'caracal_session';
/** Cookie-authenticated mutations must carry this header with value "1". */
export const CSRF_HEADER = 'x-caracal-csrf';

export const CreateSessionBody = z.union([
  z.strictObject({ code: z.string().min(1).max(256) }),
  z.strictObject({ token: z.string().min(1).max(256) }),
]);
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

export const Session = z.object({
  role: Role,
  zone_id: Id.nullable(),
  token_id: Id,
  name: z.string(),
  expires_at: Timestamp.nullable().describe('null for bearer-token calls'),
});
export type Session = z.infer<typeof Session>;

export const AdminToken = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  zone_id: Id.nullable(),
  created_by: z.string(),
  created_at: Timestamp,
  revoked_at: Timestamp.nullable(),
});
export type AdminToken = z.infer<typeof AdminToken>;

export const CreateAdminTokenBody = z.strictObject({ name: Name, role: Role, zone_id: PathId.optional() });
export type CreateAdminTokenBody = z.infer<typeof CreateAdminTokenBody>;

export const CreatedAdminToken = AdminToken.extend({ token: z.string().describe('Shown once; stored hashed') });
export type CreatedAdminToken = z.infer<typeof CreatedAdminToken>;
