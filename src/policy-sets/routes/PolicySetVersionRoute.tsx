import { useQueries, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatTime, shortHash } from '../../components/format';
import { GuardedButton } from '../../components/GuardedButton';
import { RouteBoundary } from '../../components/RouteBoundary';
import { useSetPermissions } from '../api/permissions';
import { setQueries } from '../api/queries';
import { useSetContext } from '../api/useActivationContext';
import { ActivationDialog } from '../components/ActivationDialog';
import { SimulationPanel } from '../components/SimulationPanel';
import { policyVersionUrl, setsUrl, setUrl } from '../urls';
import '../policy-sets.css';

/** /zones/:zoneId/policy-sets/:setId/versions/:versionId — manifest, simulation, compare, activation. */
export function PolicySetVersionRoute() {
  const { zoneId = '', setId = '', versionId = '' } = useParams();
  const { set, active, requiresApproval } = useSetContext(zoneId, setId);
  const { data: version } = useSuspenseQuery(setQueries.version(zoneId, setId, versionId));
  const { blocked } = useSetPermissions();
  const [activating, setActivating] = useState(false);
  const isActive = active?.id === version.id;
  const policies = useQueries({ queries: version.policies.map((p) => setQueries.policy(zoneId, p.policy_id)) });

  return (
    <>
      <p className="breadcrumbs">
        <Link to={setsUrl(zoneId)}>Policy Sets</Link> / <Link to={setUrl(zoneId, setId)}>{set.name}</Link> / v{version.version}
      </p>
      <div className="page-header">
        <h1>
          {set.name} v{version.version}
          {isActive && <span className="badge badge-active">active</span>}
        </h1>
        {!isActive && (
          <GuardedButton blockedReason={blocked('activate')} className="primary" onClick={() => setActivating(true)}>
            {requiresApproval ? `Request activation of v${version.version}` : `Activate v${version.version}`}
          </GuardedButton>
        )}
      </div>
      <p>
        Manifest <code>{version.manifest_sha256}</code>, created by {version.created_by} on {formatTime(version.created_at)}.
      </p>
      <h2>Manifest</h2>
      <table className="table">
        <caption className="visually-hidden">Policy versions in v{version.version}, in manifest order</caption>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">Version</th>
            <th scope="col">Content hash</th>
          </tr>
        </thead>
        <tbody>
          {version.policies.map((p, i) => {
            const detail = policies[i]?.data?.versions.find((v) => v.id === p.policy_version_id);
            return (
              <tr key={p.policy_version_id}>
                <td>
                  <Link to={policyVersionUrl(zoneId, p.policy_id, p.version)}>{p.policy}</Link>
                </td>
                <td>v{p.version}</td>
                <td>{detail ? <code title={detail.content_sha256}>{shortHash(detail.content_sha256)}</code> : <span className="muted">loading…</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <RouteBoundary label="Loading the simulator…" errorTitle="The simulator could not be loaded">
        <SimulationPanel zoneId={zoneId} setId={setId} version={version} active={active} />
      </RouteBoundary>
      {activating && (
        <ActivationDialog zoneId={zoneId} set={set} target={version} active={active} requiresApproval={requiresApproval} onClose={() => setActivating(false)} />
      )}
    </>
  );
}
