import { useQueryClient } from '@tanstack/react-query';
import type { PolicySetVersion, SimulateResponse } from '../../../contract/index.ts';
import { shortHash } from '../../components/format';
import { RouteBoundary } from '../../components/RouteBoundary';
import { lastSimulationKey } from '../api/queries';
import { diffManifests } from '../logic/manifestDiff';
import { ImpactSummary } from './ImpactSummary';
import { ManifestDiffView } from './ManifestDiffView';

interface Props {
  zoneId: string;
  setId: string;
  target: PolicySetVersion;
  active: PolicySetVersion | null;
}

/** Everything a reviewer needs before a version goes live: from → to, manifest diff, last simulation, impact. */
export function ActivationEvidence({ zoneId, setId, target, active }: Props) {
  const queryClient = useQueryClient();
  const last = queryClient.getQueryData<SimulateResponse>(lastSimulationKey(zoneId, setId, target.id));
  const changes = diffManifests(active?.policies ?? null, target.policies);
  const simulationFailed = last && (last.explanation.evaluation !== 'executed' || !last.would_activate);
  return (
    <div className="evidence">
      <p className="from-to">
        <strong>From</strong> {active ? `v${active.version} (${shortHash(active.manifest_sha256)})` : 'nothing active'} <strong>→ to</strong> v
        {target.version} ({shortHash(target.manifest_sha256)})
      </p>
      <h3>Manifest difference</h3>
      <ManifestDiffView zoneId={zoneId} changes={changes} fromLabel={active ? `active v${active.version}` : 'an empty set'} />
      <h3>Last simulation</h3>
      {!last ? (
        <p className="warning" role="note">
          Warning: no simulation of v{target.version} ran in this session. Simulate it before activating.
        </p>
      ) : (
        <>
          <p>
            {last.result?.decision ?? 'not evaluated'}: {last.explanation.reason}
          </p>
          {simulationFailed && (
            <p className="warning" role="note">
              Warning: the last simulation {last.explanation.evaluation !== 'executed' ? 'did not evaluate' : 'had errors or warnings'}; it would not
              activate cleanly.
            </p>
          )}
        </>
      )}
      <h3>Impact on recent decisions</h3>
      <RouteBoundary label="Replaying recent decisions…" errorTitle="The impact analysis could not be run">
        <ImpactSummary zoneId={zoneId} setId={setId} versionId={target.id} />
      </RouteBoundary>
    </div>
  );
}
