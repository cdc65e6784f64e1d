import { describe, expect, it } from 'vitest';
import type { SimulateResponse } from '../../../contract/index.ts';
import { compareResults } from './compare';

const answer = (decision: 'allow' | 'deny', policies: Array<[string, 'allow' | 'deny', number]>): SimulateResponse => ({
  dry_run: true,
  would_activate: true,
  policy_set_id: 's',
  version_id: 'v',
  schema_version: '2026-05-20',
  input_schema_version: '2026-05-20',
  manifest_sha256: 'a'.repeat(64),
  policies: [],
  warnings: [],
  explanation: { evaluation: 'executed', reason: decision, decision },
  result: {
    decision,
    evaluation_status: 'complete',
    determining_policies: policies.map(([id, rule, row]) => ({ policy: id, policy_id: id, policy_version_id: id, version: 1, rule, location: { row, col: 1 } })),
    diagnostics: [],
  },
  metrics: { eval_ms: 0.1 },
});

describe('compareResults', () => {
  it('marks a changed decision and the determining policies only one side has', () => {
    const diff = compareResults(answer('allow', [['grant', 'allow', 3]]), answer('deny', [['block', 'deny', 4]]));
    expect(diff.summary).toBe('The decision changes: allow on the active version, deny on the candidate.');
    expect(diff.onlyInActive('decision')).toBe(true);
    expect(diff.onlyInActive('grant:allow:3')).toBe(true);
    expect(diff.onlyInCandidate('block:deny:4')).toBe(true);
  });
  it('says the decision is the same and marks nothing shared', () => {
    const diff = compareResults(answer('allow', [['grant', 'allow', 3]]), answer('allow', [['grant', 'allow', 3]]));
    expect(diff.summary).toBe('Same decision on both versions: allow.');
    expect(diff.onlyInCandidate('decision')).toBe(false);
    expect(diff.onlyInCandidate('grant:allow:3')).toBe(false);
  });
});
