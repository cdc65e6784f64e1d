import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { signOut } from '../../api/session';
import type { Session } from '../../api/schemas';

export function WhoAmI({ session }: { session: Session }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const out = useMutation({
    mutationFn: signOut,
    onSettled: async () => {
      queryClient.clear();
      await navigate('/login');
    },
  });
  return (
    <div className="whoami" role="group" aria-label="Signed in as">
      <span>
        {session.name ?? 'Token'} · <span className={`role role-${session.role}`}>{session.role}</span>
      </span>
      <button type="button" onClick={() => out.mutate()} disabled={out.isPending}>
        Sign out
      </button>
    </div>
  );
}
