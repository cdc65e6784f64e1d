import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { SimulateResponse } from '../../../contract/index.ts';
import { RouteBoundary } from '../../components/RouteBoundary';
import { TraceViewer } from '../../components/trace';
import { setQueries } from '../api/queries';
import { policyVersionUrl } from '../urls';

interface Props {
  zoneId: string;
  result: SimulateResponse;
  /** policy_version_id → policy id (from the set version's manifest), for links and the trace's source. */
  policyIdOf: (policyVersionId: string) => string | undefined;
  /** Entries to mark as differing from the other side of a comparison. */
  differs?: (key: string) => boolean;
  headingLevel?: 3 | 4;
}

/** One simulation's answer: the decision in words and colour, why, and the trace. */
export function SimulationResult({ zoneId, result, policyIdOf, differs, headingLevel = 3 }: Props) {
  const queryClient = useQueryClient();
  const H = `h${headingLevel}` as const;
  const decision = result.result?.decision ?? result.explanation.decision;
  const loadSource = async (policyVersionId: string) => {
    const policyId = policyIdOf(policyVersionId);
    if (!policyId) throw new Error('This policy version is not part of the simulated set version.');
    const policy = await queryClient.fetchQuery(setQueries.policy(zoneId, policyId));
    const version = policy.versions.find((v) => v.id === policyVersionId);
    if (!version) throw new Error(`Version ${policyVersionId} of ${policy.name} was not found.`);
    return { content: version.content, title: `${policy.name} v${version.version}` };
  };
  return (
    <div className="sim-result">
      <p className={`decision decision-${decision ?? 'none'}`} role="status">
        {decision === 'allow' ? 'Allowed' : decision === 'deny' ? 'Denied' : 'Not evaluated'}
        {differs?.('decision') && <span className="diff-mark"> (differs)</span>}
      </p>
      <p>{result.explanation.reason}</p>
      {result.result && (
        <>
          <H>Determining policies</H>
          {result.result.determining_policies.length === 0 ? (
            <p className="muted">No policy decided: nothing allowed and nothing denied.</p>
          ) : (
            <ul>
              {result.result.determining_policies.map((d) => {
                const key = `${d.policy_version_id}:${d.rule}:${d.location.row}`;
                return (
                  <li key={key}>
                    <Link to={policyVersionUrl(zoneId, d.policy_id, d.version, d.location.row)}>
                      {d.policy} v{d.version}, line {d.location.row}
                    </Link>{' '}
                    — rule <code>{d.rule}</code>
                    {differs?.(key) && <span className="diff-mark"> (only here)</span>}
                  </li>
                );
              })}
            </ul>
          )}
          {result.result.diagnostics.length > 0 && (
            <>
              <H>{decision === 'deny' ? 'Deny reasons and diagnostics' : 'Diagnostics'}</H>
              <ul>
                {result.result.diagnostics.map((d, i) => (
                  <li key={i}>
                    <code>{d.reason}</code>
                    {d.message && `: ${d.message}`}
                    {d.policy && ` (${d.policy}${d.location ? `, line ${d.location.row}` : ''})`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {result.explanation.errors && result.explanation.errors.length > 0 && (
        <ul className="error-text">
          {result.explanation.errors.map((e, i) => (
            <li key={i}>
              Policy "{e.policy}" line {e.row}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {result.warnings.length > 0 && (
        <>
          <H>Warnings</H>
          <ul>
            {result.warnings.map((w) => (
              <li key={w}>
                <code>{w}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted">Evaluated in {result.metrics.eval_ms.toFixed(2)} ms.</p>
      {result.explanation.trace && (
        <details>
          <summary>Trace ({result.explanation.trace.length.toLocaleString()} events)</summary>
          <RouteBoundary label="Loading the trace…" errorTitle="The trace could not be shown">
            <TraceViewer events={result.explanation.trace} truncated={result.explanation.truncated} loadSource={loadSource} />
          </RouteBoundary>
        </details>
      )}
    </div>
  );
}
