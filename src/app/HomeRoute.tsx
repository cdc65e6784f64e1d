import { useSuspenseQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { sessionQueries } from '../api/session';
import { zoneQueries } from '../api/zones';
import { EmptyState } from '../components/EmptyState';
import { RouteBoundary } from '../components/RouteBoundary';

/** `/` (where sign-in lands) → the session's own zone, else the first zone, with the Start here guide. */
export function HomeRoute() {
  return (
    <main className="page" id="main">
      <RouteBoundary label="Loading zones…" errorTitle="Could not load zones">
        <FirstZone />
      </RouteBoundary>
    </main>
  );
}

function FirstZone() {
  const { data: session } = useSuspenseQuery(sessionQueries.current());
  const { data: zones } = useSuspenseQuery(zoneQueries.list());
  const zone = zones.items.find((z) => z.id === session.zone_id) ?? zones.items[0];
  if (zone) return <Navigate to={`/zones/${encodeURIComponent(zone.id)}/policies`} replace state={{ welcome: true }} />;
  return (
    <EmptyState title="No zones yet">
      <p>
        A zone holds policies, policy sets and applications. Create one with <code>POST /v1/zones</code>, or run{' '}
        <code>caracal demo</code> to seed an example zone.
      </p>
    </EmptyState>
  );
}
