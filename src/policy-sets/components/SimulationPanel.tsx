import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Suspense, useMemo, useRef, useState } from 'react';
import type { ExplainLevel, PolicySetVersion, SimulateResponse } from '../../../contract/index.ts';
import { ErrorText } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { JsonEditor, type EditorHandle } from '../../editor';
import { simulate } from '../api/mutations';
import { lastSimulationQuery } from '../api/queries';
import { compareResults } from '../logic/compare';
import { decisionInputSchema, exampleInputs } from '../logic/inputSchema';
import { RecentInputs } from './RecentInputs';
import { SimulationResult } from './SimulationResult';

interface Props {
  zoneId: string;
  setId: string;
  version: PolicySetVersion;
  /** The zone's active version of this set, for "Compare with active" (null: nothing active). */
  active: PolicySetVersion | null;
}

type Outcome = { kind: 'single'; result: SimulateResponse } | { kind: 'compare'; active: SimulateResponse; candidate: SimulateResponse };

/** Input editor, examples, run and compare; keeps the last simulation for the activation dialog. */
export function SimulationPanel({ zoneId, setId, version, active }: Props) {
  const examples = useMemo(() => exampleInputs(zoneId), [zoneId]);
  // Loading an example mounts a fresh model (a new path), so nothing depends on editing a live model.
  const [doc, setDoc] = useState(() => ({ n: 0, text: JSON.stringify(examples[0]!.input, null, 2) }));
  const editor = useRef<EditorHandle | null>(null);
  const [explain, setExplain] = useState<ExplainLevel>('full');
  const [inputError, setInputError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const policyIds = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of [...version.policies, ...(active?.policies ?? [])]) map.set(p.policy_version_id, p.policy_id);
    return map;
  }, [version, active]);

  const readInput = (): unknown => {
    const text = editor.current?.getValue() ?? doc.text;
    try {
      setInputError(null);
      return JSON.parse(text);
    } catch (e) {
      setInputError(`The input is not valid JSON: ${(e as Error).message}`);
      return undefined;
    }
  };

  const run = useMutation({
    mutationFn: async ({ compare, input }: { compare: boolean; input: unknown }): Promise<Outcome> => {
      const candidate = simulate(zoneId, setId, { version_id: version.id, input, explain });
      if (!compare || !active) return { kind: 'single', result: await candidate };
      const [a, c] = await Promise.all([simulate(zoneId, setId, { version_id: active.id, input, explain }), candidate]);
      return { kind: 'compare', active: a, candidate: c };
    },
    // The server recorded the run: the activation dialog reads it back from there.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lastSimulationQuery(zoneId, setId, version.id).queryKey.slice(0, -1) }),
  });
  const go = (compare: boolean) => {
    const input = readInput();
    if (input !== undefined) run.mutate({ compare, input });
  };
  const load = (text: string) => {
    editor.current = null;
    setDoc((d) => ({ n: d.n + 1, text }));
  };

  return (
    <section aria-labelledby="simulate-heading" className="card">
      <h2 id="simulate-heading">Simulate v{version.version}</h2>
      <div className="toolbar">
        <label className="inline-field">
          <span>Example input</span>
          <select
            defaultValue=""
            onChange={(e) => {
              const ex = examples.find((x) => x.id === e.target.value);
              if (ex) load(JSON.stringify(ex.input, null, 2));
            }}
          >
            <option value="" disabled>
              Choose an example…
            </option>
            {examples.map((ex) => (
              <option key={ex.id} value={ex.id}>
                {ex.title}
              </option>
            ))}
          </select>
        </label>
        <Suspense fallback={<span className="muted">Loading recent inputs…</span>}>
          <RecentInputs zoneId={zoneId} onPick={(input) => load(JSON.stringify(input, null, 2))} />
        </Suspense>
        <label className="inline-field">
          <span>Trace</span>
          <select value={explain} onChange={(e) => setExplain(e.target.value as ExplainLevel)}>
            <option value="off">off</option>
            <option value="notes">notes</option>
            <option value="fails">fails</option>
            <option value="full">full</option>
          </select>
        </label>
      </div>
      <Suspense fallback={<Loading label="Loading the input editor…" />}>
        <JsonEditor
          key={doc.n}
          path={`simulate/${setId}/${version.id}/input-${doc.n}.json`}
          defaultValue={doc.text}
          label="Simulation input (JSON)"
          schema={decisionInputSchema}
          onReady={(h) => (editor.current = h)}
        />
      </Suspense>
      {inputError && <p className="error-text" role="alert">{inputError}</p>}
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => go(false)} disabled={run.isPending}>
          Run simulation
        </button>
        {active && active.id !== version.id && (
          <button type="button" onClick={() => go(true)} disabled={run.isPending}>
            Compare with active v{active.version}
          </button>
        )}
        {run.isPending && <span role="status">Evaluating…</span>}
      </div>
      {run.isError && <ErrorText error={run.error} />}
      {run.data?.kind === 'single' && (
        <section aria-label="Simulation result">
          <SimulationResult zoneId={zoneId} result={run.data.result} policyIdOf={(id) => policyIds.get(id)} />
        </section>
      )}
      {run.data?.kind === 'compare' && active && <Comparison zoneId={zoneId} outcome={run.data} activeVersion={active.version} candidateVersion={version.version} policyIdOf={(id) => policyIds.get(id)} />}
    </section>
  );
}

function Comparison({ zoneId, outcome, activeVersion, candidateVersion, policyIdOf }: { zoneId: string; outcome: Extract<Outcome, { kind: 'compare' }>; activeVersion: number; candidateVersion: number; policyIdOf: (id: string) => string | undefined }) {
  const diff = compareResults(outcome.active, outcome.candidate);
  return (
    <section aria-label="Comparison of the active and the candidate version">
      <p role="status">
        <strong>{diff.summary}</strong>
      </p>
      <div className="compare-columns">
        <section aria-label={`Active v${activeVersion}`}>
          <h3>Active v{activeVersion}</h3>
          <SimulationResult zoneId={zoneId} result={outcome.active} policyIdOf={policyIdOf} differs={diff.onlyInActive} headingLevel={4} />
        </section>
        <section aria-label={`Candidate v${candidateVersion}`}>
          <h3>Candidate v{candidateVersion}</h3>
          <SimulationResult zoneId={zoneId} result={outcome.candidate} policyIdOf={policyIdOf} differs={diff.onlyInCandidate} headingLevel={4} />
        </section>
      </div>
    </section>
  );
}
