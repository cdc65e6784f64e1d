import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PolicySetVersion } from '../../../contract/index.ts';
import { formatTime, shortHash } from '../../components/format';
import { RouteBoundary } from '../../components/RouteBoundary';
import { useSetPermissions } from '../api/permissions';
import { useSetContext } from '../api/useActivationContext';
import { ActivationDialog } from '../components/ActivationDialog';
import { HistoryTable } from '../components/HistoryTable';
import { RequestsPanel } from '../components/RequestsPanel';
import { VersionsDiagram } from '../components/VersionsDiagram';
import { composeUrl, setsUrl, setVersionUrl } from '../urls';
import '../policy-sets.css';

/** /zones/:zoneId/policy-sets/:setId — versions, diagram, requests and activation history. */
export function PolicySetRoute() {
  const { zoneId = '', setId = '' } = useParams();
  const { set, versions, active, requiresApproval } = useSetContext(zoneId, setId);
  const { blocked } = useSetPermissions();
  const [rollbackTo, setRollbackTo] = useState<PolicySetVersion | null>(null);

  return (
    <>
      <p className="breadcrumbs">
        <Link to={setsUrl(zoneId)}>Policy Sets</Link> / {set.name}
      </p>
      <div className="page-header">
        <h1>{set.name}</h1>
        {blocked('compose') ? (
          <span className="muted">{blocked('compose')}</span>
        ) : (
          <Link className="button-link" to={composeUrl(zoneId, setId)}>
            Compose a new version
          </Link>
        )}
      </div>
      {set.description && <p>{set.description}</p>}
      <p>
        {active
          ? `Active: v${active.version} (${shortHash(active.manifest_sha256)}).`
          : set.last_activated_at
            ? `Not active now; last activated ${formatTime(set.last_activated_at)}.`
            : 'Never activated.'}{' '}
        {requiresApproval && 'This zone requires an approved activation request (four-eyes).'}
      </p>

      <h2>Versions</h2>
      {versions.length === 0 ? (
        <p className="muted">No versions yet: compose the first one.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Versions of {set.name}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Manifest hash</th>
              <th scope="col">Policies</th>
              <th scope="col">Author</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>
                  <Link to={setVersionUrl(zoneId, setId, v.id)}>v{v.version}</Link>
                  {v.id === active?.id && <span className="badge badge-active">active</span>}
                </td>
                <td>
                  <code title={v.manifest_sha256}>{shortHash(v.manifest_sha256)}</code>
                </td>
                <td>{v.policies.map((p) => `${p.policy} v${p.version}`).join(', ')}</td>
                <td>{v.created_by}</td>
                <td>{formatTime(v.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {versions.length > 0 && (
        <section aria-labelledby="diagram-heading">
          <h2 id="diagram-heading">Versions and activations</h2>
          <RouteBoundary label="Drawing the diagram…" errorTitle="The diagram could not be drawn">
            <VersionsDiagram zoneId={zoneId} setId={setId} setName={set.name} versions={versions} activeVersionId={active?.id ?? null} />
          </RouteBoundary>
        </section>
      )}

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Activation requests</h2>
        <RouteBoundary label="Loading activation requests…" errorTitle="The activation requests could not be loaded">
          <RequestsPanel zoneId={zoneId} setId={setId} versions={versions} active={active} />
        </RouteBoundary>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Activation history</h2>
        <RouteBoundary label="Loading the activation history…" errorTitle="The activation history could not be loaded">
          <HistoryTable zoneId={zoneId} setId={setId} versions={versions} activeVersionId={active?.id ?? null} blockedReason={blocked('activate')} onRollback={setRollbackTo} />
        </RouteBoundary>
      </section>

      {rollbackTo && (
        <ActivationDialog zoneId={zoneId} set={set} target={rollbackTo} active={active} requiresApproval={requiresApproval} mode="rollback" onClose={() => setRollbackTo(null)} />
      )}
    </>
  );
}
