import { useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { GuardedButton } from '../../components/GuardedButton';
import { MermaidDiagram } from '../../components/mermaid';
import { RouteBoundary } from '../../components/RouteBoundary';
import { TraceViewer } from '../../components/trace';
import { auditQueries, zoneObjectQueries, type ExplainLevel } from '../api/queries';
import { buildWhy, decisionFlowchart, highlightedLines, type RecordedPolicy } from '../why';
import { SourcePane } from './SourcePane';
import { WhySummaryView } from './WhySummaryView';

export type VersionMap = Map<string, { policy_id: string; policy: string; version: number }>;

const LEVELS: Array<{ value: ExplainLevel; label: string }> = [
  { value: 'notes', label: 'Notes' },
  { value: 'fails', label: 'Fails' },
  { value: 'full', label: 'Full' },
];

interface Props {
  zoneId: string;
  requestId: string;
  versions: VersionMap;
}

export interface StageFix {
  /** Why the reader may not stage a fix (role), or null. */
  blockedReason: string | null;
  open: (policyId: string, policyVersionId: string) => void;
}

/** Why: the answer first, then the decision path, the source lines, and the trace at a chosen level. */
export function WhyPanel({ zoneId, requestId, versions, stageFix }: Props & { stageFix: StageFix | null }) {
  const [search, setSearch] = useSearchParams();
  const level = (LEVELS.find((l) => l.value === search.get('level'))?.value ?? 'fails') as ExplainLevel;
  // The full replay carries the bindings; the summary always reads it.
  const { data: full } = useSuspenseQuery(auditQueries.explain(zoneId, requestId, 'full'));
  const decisive = full.events.find((e) => e.event_type === 'token_exchange') ?? full.events.at(-1)!;
  const why = useMemo(
    () =>
      buildWhy({
        decision: full.final_decision,
        eventType: decisive.event_type,
        evaluationStatus: decisive.evaluation_status,
        determining: decisive.determining_policies_json as unknown as RecordedPolicy[],
        diagnostics: decisive.diagnostics_json,
        trace: full.trace?.events ?? null,
      }),
    [full, decisive],
  );
  const chart = useMemo(() => decisionFlowchart(why, full.final_decision), [why, full.final_decision]);
  const lines = useMemo(() => highlightedLines(why), [why]);
  // The policy to fix: the deny rule that fired, else the closest miss, else the first policy.
  const fixTarget = useMemo(() => {
    const ids = [why.decisive.find((r) => r.kind === 'deny')?.policyVersionId, why.misses[0]?.policyVersionId, versions.keys().next().value];
    const id = ids.find((x): x is string => !!x && versions.has(x));
    return id ? { ...versions.get(id)!, policyVersionId: id } : null;
  }, [why, versions]);
  const setLevel = (value: ExplainLevel) => {
    const next = new URLSearchParams(search);
    next.set('level', value);
    setSearch(next, { replace: true });
  };

  return (
    <section aria-labelledby="why-heading" className="why">
      <h2 id="why-heading">Why</h2>
      <WhySummaryView zoneId={zoneId} why={why} versions={versions} />
      {stageFix && fixTarget && (
        <GuardedButton blockedReason={stageFix.blockedReason} onClick={() => stageFix.open(fixTarget.policy_id, fixTarget.policyVersionId)}>
          Stage a fix in {fixTarget.policy}
        </GuardedButton>
      )}
      {why.indexedOut && (
        <p className="muted">
          The engine's rule index skipped every allow rule because a condition comparing an input value (for example{' '}
          <code>"x" in input.principal.labels</code> or <code>input.resource.identifier == "…"</code>) could not hold, so the
          trace has no failed condition to show. The allow rules are in the source below.
        </p>
      )}
      <div className="why-columns">
        <div>
          <h3>Decision path</h3>
          <RouteBoundary label="Drawing the decision path…" errorTitle="The diagram could not be drawn">
            <MermaidDiagram text={chart} label={`Decision path: ${why.headline}`} />
          </RouteBoundary>
        </div>
        <div>
          <h3>Source of the exact policy versions</h3>
          <RouteBoundary label="Loading policy source…" errorTitle="The policy source could not be loaded">
            <SourcePane zoneId={zoneId} lines={lines} versions={versions} allowHeads={why.indexedOut} />
          </RouteBoundary>
        </div>
      </div>
      <fieldset className="level-switch">
        <legend>Trace detail</legend>
        {LEVELS.map((l) => (
          <label key={l.value}>
            <input type="radio" name="trace-level" value={l.value} checked={level === l.value} onChange={() => setLevel(l.value)} /> {l.label}
          </label>
        ))}
      </fieldset>
      <RouteBoundary label="Replaying the decision…" errorTitle="The trace could not be loaded">
        <TraceAtLevel zoneId={zoneId} requestId={requestId} level={level} versions={versions} />
      </RouteBoundary>
    </section>
  );
}

function TraceAtLevel({ zoneId, requestId, level, versions }: Props & { level: ExplainLevel }) {
  const client = useQueryClient();
  const { data } = useSuspenseQuery(auditQueries.explain(zoneId, requestId, level));
  if (!data.trace) return <p className="muted">No trace: this request was not evaluated by a policy set.</p>;
  const loadSource = async (policyVersionId: string) => {
    const v = versions.get(policyVersionId);
    if (!v) throw new Error('This policy version is not part of the policy-set version that decided.');
    const pv = await client.fetchQuery(zoneObjectQueries.policyVersion(zoneId, v.policy_id, policyVersionId));
    return { content: pv.content, title: `${v.policy} v${v.version}` };
  };
  return (
    <TraceViewer
      events={data.trace.events}
      truncated={data.trace.truncated}
      loadSource={loadSource}
      label={`Evaluation trace (${level})`}
    />
  );
}
