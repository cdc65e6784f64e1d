import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { RouteBoundary } from '../../components/RouteBoundary';
import { usePermission } from '../../components/useSession';
import { auditQueries, zoneObjectQueries } from '../api/queries';
import { DecisionFacts } from '../components/DecisionFacts';
import { SimulatePanel } from '../components/SimulatePanel';
import { WhyPanel, type VersionMap } from '../components/WhyPanel';
import { links } from '../links';
import { shortTime } from '../present';
import { useNavigate } from 'react-router';
import '../audit.css';

/** /zones/:zoneId/audit/decisions/:requestId — one decision, why it went that way, and what to try next. */
export function DecisionRoute() {
  const { zoneId = '', requestId = '' } = useParams();
  const { data: events } = useSuspenseQuery(auditQueries.byRequest(zoneId, requestId));
  const event = events.find((e) => e.event_type === 'token_exchange') ?? events.at(-1);
  const setVersion = useQuery({
    ...zoneObjectQueries.setVersion(zoneId, event?.policy_set_id ?? '', event?.policy_set_version_id ?? ''),
    enabled: !!event?.policy_set_id && !!event.policy_set_version_id,
  });
  const versions: VersionMap = useMemo(
    () => new Map((setVersion.data?.policies ?? []).map((p) => [p.policy_version_id, { policy_id: p.policy_id, policy: p.policy, version: p.version }])),
    [setVersion.data],
  );
  const edit = usePermission('edit_policies');
  const navigate = useNavigate();

  if (!event) {
    return (
      <EmptyState title="No decision with this request id">
        <p>
          Nothing was recorded for <code>{requestId}</code> in this zone. <Link to={links.decisions(zoneId)}>Back to the decisions</Link>.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <p className="breadcrumbs">
        <Link to={links.decisions(zoneId)}>Audit</Link> / decision
      </p>
      <div className="page-header">
        <h1>{event.decision === 'allow' ? 'Allowed' : 'Denied'} decision</h1>
      </div>
      <DecisionFacts zoneId={zoneId} event={event} />
      {events.length > 1 && (
        <section aria-labelledby="others-heading">
          <h2 id="others-heading">Other events of this request</h2>
          <ul>
            {events
              .filter((e) => e.id !== event.id)
              .map((e) => (
                <li key={e.id}>
                  {shortTime.format(new Date(e.occurred_at))} · {e.event_type} · {e.decision} · {e.evaluation_status}
                </li>
              ))}
          </ul>
        </section>
      )}
      {event.policy_input !== null && event.policy_input !== undefined && (
        <SimulatePanel zoneId={zoneId} setId={event.policy_set_id} recorded={event.decision} input={event.policy_input} />
      )}
      <RouteBoundary label="Explaining the decision…" errorTitle="The explanation could not be loaded">
        <WhyPanel
          zoneId={zoneId}
          requestId={requestId}
          versions={versions}
          stageFix={
            event.decision === 'deny'
              ? { blockedReason: edit.reason, open: (policyId, policyVersionId) => navigate(links.fix(zoneId, requestId, policyId, policyVersionId)) }
              : null
          }
        />
      </RouteBoundary>
    </>
  );
}
