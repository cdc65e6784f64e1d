import { EmptyState } from '../components/EmptyState';

/** Placeholder until the audit issue builds this screen (decisions, explain, trace). */
export function AuditPlaceholderRoute() {
  return (
    <>
      <h1>Audit</h1>
      <EmptyState title="Coming next">
        <p>
          The decision log and its explanations are being built in their own issue. Until then, use the admin API:{' '}
          <code>GET /v1/zones/:zoneId/audit</code>.
        </p>
      </EmptyState>
    </>
  );
}
