import { useSuspenseQuery } from '@tanstack/react-query';
import { sessionQueries } from '../../api/session';
import type { Role } from '../../api/schemas';

/** Mirrors the server's role table (server/auth): the server still decides; this only explains. */
const allowed = {
  compose: ['admin', 'author'],
  activate: ['admin', 'reviewer', 'author'],
  review: ['admin', 'reviewer'],
} as const satisfies Record<string, readonly Role[]>;

const what = {
  compose: 'create policy sets or set versions',
  activate: 'activate or request activation',
  review: 'approve or reject activation requests',
} as const;

export type SetAction = keyof typeof allowed;

/** Who is signed in, and for each action the sentence shown on a disabled control (null when allowed). */
export function useSetPermissions() {
  const { data: session } = useSuspenseQuery(sessionQueries.current());
  const reason = (action: SetAction): string | null =>
    (allowed[action] as readonly Role[]).includes(session.role)
      ? null
      : `Your role (${session.role}) cannot ${what[action]}; only ${allowed[action].join(' or ')} can.`;
  return { session, blocked: reason };
}
