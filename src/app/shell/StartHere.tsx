import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { AuditList, auditPaths } from '../../../contract/index.ts';
import { request } from '../../api/client';
import { withQuery } from '../../api/paths';
import { zoneQueries } from '../../api/zones';
import { setQueries } from '../../policy-sets/api/queries';

const RECENT = 20;
const e = encodeURIComponent;

/**
 * Shown above the first screen after sign-in: what decides in this zone right now, where the
 * recent decisions are, and the three steps of a policy change. A newcomer should not have to guess.
 */
export function StartHere({ zoneId }: { zoneId: string }) {
  const [hidden, setHidden] = useState(false);
  const zone = useQuery(zoneQueries.detail(zoneId));
  const sets = useQuery(setQueries.list(zoneId));
  const recent = useQuery({
    queryKey: ['zones', zoneId, 'audit', 'start-here'] as const,
    queryFn: ({ signal }) => request('GET', withQuery(auditPaths.list(zoneId), { limit: RECENT }), AuditList, { signal }),
  });
  if (hidden) return null;

  const active = sets.data?.items.find((s) => s.active_version);
  const decisions = recent.data?.items ?? [];
  const denied = decisions.filter((d) => d.decision === 'deny').length;
  const zoneUrl = `/zones/${e(zoneId)}`;

  return (
    <section className="card start-here" aria-labelledby="start-here-title">
      <div className="panel-header">
        <h2 id="start-here-title">Start here</h2>
        <button type="button" onClick={() => setHidden(true)}>
          Hide this guide
        </button>
      </div>
      <p>
        You are in the zone <strong>{zone.data?.name ?? zoneId}</strong>.{' '}
        {sets.isPending ? (
          'Looking up its active policy set…'
        ) : sets.isError ? (
          'Its policy sets could not be loaded.'
        ) : active?.active_version ? (
          <>
            The STS decides with policy set{' '}
            <Link to={`${zoneUrl}/policy-sets/${e(active.id)}/versions/${e(active.active_version.id)}`}>
              {active.name} v{active.active_version.version}
            </Link>{' '}
            (active).
          </>
        ) : (
          <>No policy set is active here yet, so every token exchange is denied until you activate one.</>
        )}
      </p>
      <p>
        {recent.isPending
          ? 'Looking up recent decisions…'
          : recent.isError
            ? 'Recent decisions could not be loaded.'
            : decisions.length === 0
              ? 'No token exchanges have been decided in this zone yet. '
              : `Latest ${decisions.length} decisions: ${decisions.length - denied} allowed, ${denied} denied. `}
        <Link to={`${zoneUrl}/audit`}>Recent decisions are in Audit</Link>.
      </p>
      <ol>
        <li>
          <Link to={`${zoneUrl}/policies`}>Policies</Link>: write or change a Rego policy; every save is a new immutable
          version.
        </li>
        <li>
          <Link to={`${zoneUrl}/policy-sets`}>Policy Sets</Link>: compose a set version with it, simulate an input, then
          activate it.
        </li>
        <li>
          <Link to={`${zoneUrl}/audit`}>Audit</Link>: follow each decision back to the version and policies that made it.
        </li>
      </ol>
    </section>
  );
}
