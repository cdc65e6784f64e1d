import { useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { zoneQueries } from '../../api/zones';
import { RouteBoundary } from '../../components/RouteBoundary';
import { usePermission } from '../../components/useSession';
import { AdminTokens } from '../components/AdminTokens';
import { Applications } from '../components/Applications';
import { RegisterApplicationDialog } from '../components/RegisterApplicationDialog';
import { ZoneSettingsForm } from '../components/ZoneSettingsForm';
import '../settings.css';

export function SettingsRoute() {
  const { zoneId = '' } = useParams();
  const { data: zone } = useSuspenseQuery(zoneQueries.detail(zoneId));
  const canManageTokens = usePermission('manage_tokens');
  const canManageApps = usePermission('manage_applications');
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
        <p className="muted">The clients of this zone's STS. Policies see an application's labels as <code>input.principal.labels</code>.</p>
        {canManageApps.reason && <p className="muted">{canManageApps.reason}</p>}
        <div className="toolbar">
          <RegisterApplicationDialog zoneId={zoneId} blockedReason={canManageApps.reason} />
        </div>
        <RouteBoundary label="Loading applications…" errorTitle="Could not load applications">
          <Applications zoneId={zoneId} blockedReason={canManageApps.reason} />
        </RouteBoundary>
      </section>
    </>
  );
}
