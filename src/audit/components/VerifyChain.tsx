import { useQuery } from '@tanstack/react-query';
import { ErrorText } from '../../components/ErrorPanel';
import { auditQueries } from '../api/queries';

/** Walks the zone's hash chain on request and says the result in words. */
export function VerifyChain({ zoneId }: { zoneId: string }) {
  const verify = useQuery(auditQueries.verify(zoneId));
  return (
    <div className="audit-verify">
      <button type="button" onClick={() => void verify.refetch()} disabled={verify.isFetching}>
        {verify.isFetching ? 'Verifying…' : 'Verify chain'}
      </button>
      <div role="status" aria-live="polite">
        {verify.isError && <ErrorText error={verify.error} />}
        {verify.data && !verify.isFetching && verify.data.ok && (
          <p className="ok-text">
            {verify.data.checked.toLocaleString()} {verify.data.checked === 1 ? 'event' : 'events'} verified, chain intact.
          </p>
        )}
        {verify.data && !verify.isFetching && !verify.data.ok && (
          <p className="error-text">
            Chain broken after checking {verify.data.checked.toLocaleString()} events
            {verify.data.first_bad_event_id ? (
              <>
                : the first bad event is <code>{verify.data.first_bad_event_id}</code>
              </>
            ) : null}
            {verify.data.reason ? ` (${verify.data.reason})` : ''}.
          </p>
        )}
      </div>
    </div>
  );
}
