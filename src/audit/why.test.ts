import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../contract/decision.ts';
import { allowHeadLines, buildWhy, decisionFlowchart, highlightedLines } from './why';

const loc = (row: number, policy = 'payments', pv = 'pv-1') => ({ policy, policy_version_id: pv, row, col: 2 });
const ev = (op: TraceEvent['op'], node: string, row: number | null, extra: Partial<TraceEvent> = {}): TraceEvent => ({
  op,
  query_id: 1,
  parent_id: 0,
  node,
  location: row === null ? null : loc(row),
  ...extra,
});

const base = { eventType: 'token_exchange', evaluationStatus: 'complete', determining: [], diagnostics: [{ reason: 'no_rule_matched' }] };

describe('why summary', () => {
  it('for a deny with no deny rule, names each failed condition with its bindings, closest miss first', () => {
    const trace: TraceEvent[] = [
      ev('enter', 'allow', 3),
      ev('eval', 'some label in input.principal.labels', 4),
      ev('eval', 'label == "team:payments"', 5, { locals: { label: 'team:billing' } }),
      ev('fail', 'label == "team:payments"', 5, { locals: { label: 'team:billing' } }),
      ev('enter', 'allow', 9, { query_id: 2 }),
      ev('fail', 'input.resource.identifier == "resource://x"', 10, { query_id: 2 }),
    ];
    const why = buildWhy({ ...base, decision: 'deny', trace });
    expect(why.kind).toBe('no_allow_matched');
    expect(why.misses.map((m) => m.row)).toEqual([3, 9]);
    expect(why.misses[0]).toMatchObject({ passed: 1, failures: [{ row: 5, text: 'label == "team:payments"', bindings: [{ label: 'team:billing' }] }] });
    expect(why.headline).toContain('payments line 3');
    expect(why.headline).toContain('line 5');
    expect(highlightedLines(why).get('pv-1')).toEqual([3, 5, 9, 10]);
  });

  it('for an allow, leads with the rules that succeeded', () => {
    const trace = [ev('enter', 'allow', 3), ev('eval', 'input.x', 4), ev('exit', 'allow', 3)];
    const why = buildWhy({ ...base, diagnostics: [], decision: 'allow', trace });
    expect(why.kind).toBe('allowed');
    expect(why.decisive).toEqual([{ kind: 'allow', policy: 'payments', policyVersionId: 'pv-1', row: 3, text: 'allow' }]);
    expect(why.headline).toBe('Allowed by payments line 3.');
  });

  it('for a deny rule that fired, names it from the recorded result even without a trace', () => {
    const why = buildWhy({
      ...base,
      decision: 'deny',
      determining: [{ policy: 'suspended', policy_version_id: 'pv-9', rule: 'deny', location: { row: 4, col: 1 } }],
      diagnostics: [{ reason: 'application_suspended' }],
      trace: null,
    });
    expect(why.kind).toBe('denied_by_rule');
    expect(why.headline).toBe('Denied by suspended line 4 (application_suspended).');
  });

  it('says when the rule index ruled every allow rule out', () => {
    const why = buildWhy({ ...base, decision: 'deny', trace: [ev('index', 'allow', null, { query_id: 0, message: '(matched 0 rules, early exit)' })] });
    expect(why.indexedOut).toBe(true);
    expect(why.headline).toContain('ruled out every allow rule');
  });

  it('explains refusals before evaluation and failures closed', () => {
    expect(buildWhy({ ...base, eventType: 'token_request_rejected', evaluationStatus: 'not_evaluated', decision: 'deny', diagnostics: [{ reason: 'invalid_scope', message: 'scope "x" is not allowed' }], trace: null }).headline).toBe(
      'Denied before any policy ran: scope "x" is not allowed.',
    );
    expect(buildWhy({ ...base, evaluationStatus: 'error', decision: 'deny', diagnostics: [{ reason: 'evaluation_error' }], trace: null }).kind).toBe('failed_closed');
  });

  it('draws the decision path with escaped labels', () => {
    const why = buildWhy({ ...base, decision: 'deny', trace: [ev('enter', 'allow', 3), ev('fail', 'x == "a"', 4)] });
    const text = decisionFlowchart(why, 'deny');
    expect(text).toContain('flowchart LR');
    expect(text).toContain('r0["payments line 3: allow"]');
    expect(text).toContain('|"failed at line 4"| A');
    expect(text).toContain('R["DENY"]');
    expect(text).not.toMatch(/x == "a"/);
  });
});

describe('allow rule heads in a source', () => {
  it('finds where each allow rule starts, not the default', () => {
    expect(allowHeadLines('package caracal.authz\n\ndefault allow := false\n\nallow if {\n\tx\n}\nallow if y\n  allow_ish := 1\n')).toEqual([5, 8]);
  });
});
