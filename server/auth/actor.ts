import type { Role } from '../../contract/index.ts';

/** Who is calling: resolved once per request from a bearer token or the session cookie. */
export interface Actor {
  tokenId: string;
  name: string;
  role: Role;
  zoneId: string | null;
  via: 'bearer' | 'session';
  sessionId?: string;
  sessionExpiresAt?: string;
}

/** A process acting on its own behalf (first-start demo seeding, CLI). */
export const systemActor: Actor = { tokenId: 'system', name: 'system', role: 'admin', zoneId: null, via: 'bearer' };

export const ALL_ROLES: Role[] = ['admin', 'author', 'reviewer', 'auditor'];

/** Who may do what; routes name one of these, services add the rules that depend on data. */
export const permissions = {
  read: ALL_ROLES,
  simulate: ALL_ROLES,
  author: ['admin', 'author'],
  activate: ['admin', 'reviewer', 'author'],
  requestActivation: ['admin', 'author', 'reviewer'],
  review: ['admin', 'reviewer'],
  manageZones: ['admin'],
  manageTokens: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof permissions;
