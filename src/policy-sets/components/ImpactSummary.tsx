import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { impactQuery } from '../api/queries';
import { decisionUrl } from '../urls';

/** Recent recorded decisions replayed against the candidate: how many would change, with examples. */
export function ImpactSummary({ zoneId, setId, versionId }: { zoneId: string; setId: string; versionId: string }) {
  const { data } = useSuspenseQuery(impactQuery(zoneId, setId, versionId));
  if (data.evaluated === 0) return <p>No recorded decisions in this zone yet, so the impact cannot be estimated.</p>;
  return (
    <>
      <p>
        {data.evaluated} recent decisions replayed: {data.unchanged} unchanged, <strong>{data.changed.allow_to_deny} allow → deny</strong>,{' '}
        <strong>{data.changed.deny_to_allow} deny → allow</strong>.
      </p>
      {data.examples.length > 0 && (
        <ul>
          {data.examples.slice(0, 5).map((x) => (
            <li key={x.request_id}>
              <Link to={decisionUrl(zoneId, x.request_id)}>{x.request_id.slice(0, 16)}</Link>: {x.before} → {x.after}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
