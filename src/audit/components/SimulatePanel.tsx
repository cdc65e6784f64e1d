import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorText } from '../../components/ErrorPanel';
import { simulateInput } from '../api/mutations';
import { zoneObjectQueries } from '../api/queries';

interface Props {
  zoneId: string;
  /** The policy set that decided (default choice), if any. */
  setId: string | null;
  recorded: 'allow' | 'deny';
  input: unknown;
}

/** "Simulate this input" against any policy-set version of the zone; the result sits beside the recorded one. */
export function SimulatePanel({ zoneId, setId, recorded, input }: Props) {
  const sets = useQuery(zoneObjectQueries.policySets(zoneId));
  const [chosenSet, setChosenSet] = useState(setId ?? '');
  const effectiveSet = chosenSet || sets.data?.items[0]?.id || '';
  const versions = useQuery({ ...zoneObjectQueries.setVersions(zoneId, effectiveSet), enabled: !!effectiveSet });
  const [chosenVersion, setChosenVersion] = useState('');
  const newest = versions.data?.items[0]?.id ?? '';
  const versionId = versions.data?.items.some((v) => v.id === chosenVersion) ? chosenVersion : newest;
  const simulate = useMutation({ mutationFn: () => simulateInput(zoneId, effectiveSet, versionId, input) });
  const result = simulate.data;
  const simulatedVersion = versions.data?.items.find((v) => v.id === result?.version_id);

  return (
    <section aria-labelledby="simulate-heading" className="card">
      <h2 id="simulate-heading">Simulate this input</h2>
      <div className="toolbar">
        <label>
          Policy set
          <select value={effectiveSet} onChange={(e) => (setChosenSet(e.target.value), setChosenVersion(''), simulate.reset())}>
            {sets.data?.items.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Version
          <select value={versionId} onChange={(e) => (setChosenVersion(e.target.value), simulate.reset())}>
            {versions.data?.items.map((v, i) => (
              <option key={v.id} value={v.id}>
                v{v.version}
                {i === 0 ? ' (newest)' : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!versionId || simulate.isPending} onClick={() => simulate.mutate()}>
          {simulate.isPending ? 'Simulating…' : 'Simulate this input'}
        </button>
      </div>
      {simulate.isError && <ErrorText error={simulate.error} />}
      <div className="compare" aria-live="polite">
        <div>
          <h3>Recorded</h3>
          <p className={`verdict-${recorded}`}>{recorded === 'allow' ? 'Allow' : 'Deny'}</p>
        </div>
        {result && (
          <div role="region" aria-label="Simulated result">
            <h3>Simulated against v{simulatedVersion?.version ?? '?'}</h3>
            {result.result ? (
              <>
                <p className={`verdict-${result.result.decision}`}>{result.result.decision === 'allow' ? 'Allow' : 'Deny'}</p>
                <p className="muted">
                  {result.result.determining_policies.map((p) => `${p.policy} v${p.version} (${p.rule}, line ${p.location.row})`).join(', ') ||
                    result.result.diagnostics.map((d) => d.reason).join(', ') ||
                    result.explanation.reason}
                </p>
              </>
            ) : (
              <p>{result.explanation.reason}</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
