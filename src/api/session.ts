import { queryOptions } from '@tanstack/react-query';
import { request } from './client';
import { paths } from './paths';
import { noContentSchema, sessionSchema, type Role } from './schemas';

export const sessionQueries = {
  all: () => ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'current'] as const,
      queryFn: ({ signal }) => request('GET', paths.session(), sessionSchema, { signal }),
      staleTime: 60_000,
      retry: false,
    }),
};

export type SignIn = { code: string } | { token: string };

export function signIn(body: SignIn) {
  return request('POST', paths.session(), sessionSchema, { body });
}

export function signOut() {
  return request('DELETE', paths.session(), noContentSchema);
}

/** What each role may do, with the sentence shown on a disabled control. */
export type Action = 'edit_policies' | 'manage_zone' | 'manage_tokens' | 'manage_applications';

const allowed: Record<Action, readonly Role[]> = {
  edit_policies: ['admin', 'author'],
  manage_zone: ['admin'],
  manage_tokens: ['admin'],
  // The server guards application routes with manageZones: registering STS clients is zone configuration.
  manage_applications: ['admin'],
};

const what: Record<Action, string> = {
  edit_policies: 'create or change policies',
  manage_zone: 'change zone settings',
  manage_tokens: 'create or revoke admin tokens',
  manage_applications: 'register, change or disable applications',
};

export interface Permission {
  allowed: boolean;
  /** Why not, in a sentence; null when allowed. */
  reason: string | null;
}

export function permission(role: Role, action: Action): Permission {
  if (allowed[action].includes(role)) return { allowed: true, reason: null };
  const who = allowed[action].join(' or ');
  return {
    allowed: false,
    reason: `Your role (${role}) cannot ${what[action]}; only ${who} can.`,
  };
}
