import type { SimulateResponse } from '../../../contract/index.ts';

const keysOf = (r: SimulateResponse) =>
  new Set((r.result?.determining_policies ?? []).map((d) => `${d.policy_version_id}:${d.rule}:${d.location.row}`));
const decisionOf = (r: SimulateResponse) => r.result?.decision ?? r.explanation.decision ?? null;

/** What differs between the active version's and the candidate's answer to the same input. */
export function compareResults(active: SimulateResponse, candidate: SimulateResponse) {
  const a = keysOf(active);
  const c = keysOf(candidate);
  const da = decisionOf(active);
  const dc = decisionOf(candidate);
  const sameDecision = da === dc;
  return {
    sameDecision,
    summary: sameDecision
      ? `Same decision on both versions: ${da ?? 'not evaluated'}.`
      : `The decision changes: ${da ?? 'not evaluated'} on the active version, ${dc ?? 'not evaluated'} on the candidate.`,
    onlyInActive: (key: string) => (key === 'decision' ? !sameDecision : !c.has(key)),
    onlyInCandidate: (key: string) => (key === 'decision' ? !sameDecision : !a.has(key)),
  };
}
