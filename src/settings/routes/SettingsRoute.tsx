import { useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { zoneQueries } from '../../api/zones';
import { EmptyState } from '../../components/EmptyState';
import { RouteBoundary } from '../../components/RouteBoundary';
import { usePermission } from '../../components/useSession';
import { AdminTokens } from '../components/AdminTokens';
import { ZoneSettingsForm } from '../components/ZoneSettingsForm';

export function SettingsRoute() {
  const { zoneId = '' } = useParams();
  const { data: zone } = useSuspenseQuery(zoneQueries.detail(zoneId));
  const canManageTokens = usePermission('manage_tokens');
  return (
    <>
      <h1>Settings</h1>
      <ZoneSettingsForm key={zone.updated_at} zone={zone} />
      <section aria-labelledby="tokens-title" className="card">
        <h2 id="tokens-title">Admin tokens</h2>
        {canManageTokens.allowed ? (
          <RouteBoundary label="Loading admin tokens…" errorTitle="Could not load admin tokens">
            <AdminTokens zoneId={zoneId} />
          </RouteBoundary>
        ) : (
          <p className="muted">{canManageTokens.reason}</p>
        )}
      </section>
      <section aria-labelledby="apps-title" className="card">
        <h2 id="apps-title">Applications</h2>
        <EmptyState title="Coming next">
          <p>
            Registering applications from the console is not built yet. Use <code>POST /v1/zones/{zoneId}/applications</code>.
          </p>
        </EmptyState>
      </section>
    </>
  );
}
