import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { setQueries } from '../api/queries';

/** Polls activation-status until the engine has `loaded` the version (or reports a failure). */
export function FollowStatus({ zoneId, setId, versionId, versionNumber }: { zoneId: string; setId: string; versionId: string; versionNumber: number }) {
  const queryClient = useQueryClient();
  const status = useQuery({
    ...setQueries.status(zoneId, setId, versionId),
    refetchInterval: (q) => (q.state.data && q.state.data.propagation_status !== 'waiting_for_activation' ? false : 500),
  });
  const state = status.data?.propagation_status;
  useEffect(() => {
    if (state === 'loaded' || state === 'failed') void queryClient.invalidateQueries({ queryKey: setQueries.all(zoneId) });
  }, [state, queryClient, zoneId]);
  if (status.isError) return <p className="error-text">Could not read the activation status: {status.error.message}</p>;
  return (
    <p role="status" className={state === 'loaded' ? 'ok-text' : state === 'failed' ? 'error-text' : undefined}>
      {!state || state === 'waiting_for_activation'
        ? `Status: waiting for the engine to load v${versionNumber}…`
        : state === 'loaded'
          ? `Status: loaded — v${versionNumber} is active and the engine evaluates it.`
          : `Status: failed — the engine could not load v${versionNumber}${status.data?.engine.error ? `: ${status.data.engine.error}` : ''}.`}
    </p>
  );
}
