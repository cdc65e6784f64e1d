import { useSuspenseQuery } from '@tanstack/react-query';
import type { PolicySetVersion } from '../../../contract/index.ts';
import { formatTime, shortHash } from '../../components/format';
import { RouteBoundary } from '../../components/RouteBoundary';
import { lastSimulationQuery } from '../api/queries';
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
  const changes = diffManifests(active?.policies ?? null, target.policies);
  return (
    <div className="evidence">
      <p className="from-to">
        <strong>From</strong> {active ? `v${active.version} (${shortHash(active.manifest_sha256)})` : 'nothing active'} <strong>→ to</strong> v
        {target.version} ({shortHash(target.manifest_sha256)})
      </p>
      <h3>Manifest difference</h3>
      <ManifestDiffView zoneId={zoneId} changes={changes} fromLabel={active ? `active v${active.version}` : 'an empty set'} />
      <h3>Last simulation</h3>
      <RouteBoundary label="Loading the last simulation…" errorTitle="The last simulation could not be loaded">
        <LastSimulation zoneId={zoneId} setId={setId} target={target} />
      </RouteBoundary>
      <h3>Impact on recent decisions</h3>
      <RouteBoundary label="Replaying recent decisions…" errorTitle="The impact analysis could not be run">
        <ImpactSummary zoneId={zoneId} setId={setId} versionId={target.id} />
      </RouteBoundary>
    </div>
  );
}

/** The version's last recorded simulation, whoever ran it (the reviewer sees the author's). */
function LastSimulation({ zoneId, setId, target }: { zoneId: string; setId: string; target: PolicySetVersion }) {
  const { data: last } = useSuspenseQuery(lastSimulationQuery(zoneId, setId, target.id));
  if (!last) {
    return (
      <p className="warning" role="note">
        Warning: v{target.version} has never been simulated. Simulate it before activating.
      </p>
    );
  }
  const failed = last.evaluation !== 'executed' || !last.would_activate;
  return (
    <>
      <p>
        {last.decision ?? 'not evaluated'}: {last.reason}
      </p>
      <p className="muted">
        Run by {last.ran_by} at {formatTime(last.ran_at)}
        {last.input === null ? ' without an input' : ''}.
      </p>
      {failed && (
        <p className="warning" role="note">
          Warning: the last simulation {last.evaluation !== 'executed' ? 'did not evaluate' : 'had errors or warnings'}; it would not activate
          cleanly.
        </p>
      )}
    </>
  );
}
