import { useSuspenseQuery } from '@tanstack/react-query';
import { permission, sessionQueries, type Action } from '../api/session';

/** Who is signed in and whether they may do `action` (with the reason when not). */
export function usePermission(action: Action) {
  const { data: session } = useSuspenseQuery(sessionQueries.current());
  return permission(session.role, action);
}
