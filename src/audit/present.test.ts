import { describe, expect, it } from 'vitest';
import type { AuditEventRow } from './api/queries';
import { decisionSentence, determiningText } from './present';

const event = (over: Partial<AuditEventRow>): AuditEventRow => ({
  id: 'e1',
  zone_id: 'z',
  event_type: 'token_exchange',
  request_id: 'r1',
  decision: 'deny',
  policy_set_id: 's',
  policy_set_version_id: 'v',
  manifest_sha: 'a'.repeat(64),
  evaluation_status: 'complete',
  determining_policies_json: [],
  diagnostics_json: [{ reason: 'no_rule_matched' }],
  metadata_json: { application_name: 'ledger', resource: 'resource://payments', scopes: ['payments:read'] },
  occurred_at: '2026-12-04T12:00:00.000Z',
  ingested_at: '2026-12-04T12:00:00.001Z',
  ...over,
});

describe('how a decision reads', () => {
  it('says a deny and its reason in one sentence', () => {
    expect(decisionSentence(event({}))).toBe('Denied: ledger asked for resource://payments with payments:read; no allow rule matched.');
    expect(
      decisionSentence(event({ determining_policies_json: [{ policy: 'suspended', version: 2, rule: 'deny' }], diagnostics_json: [{ reason: 'application_suspended' }] })),
    ).toBe('Denied: ledger asked for resource://payments with payments:read; denied by suspended v2.');
  });

  it('names the allowing policies, and the deny reason in the table cell', () => {
    const allowed = event({ decision: 'allow', diagnostics_json: [], determining_policies_json: [{ policy: 'payments', version: 3, rule: 'allow' }] });
    expect(decisionSentence(allowed)).toBe('Allowed: ledger got a token for resource://payments with payments:read, allowed by payments v3.');
    expect(determiningText(allowed)).toBe('payments v3');
    expect(determiningText(event({}))).toBe('no_rule_matched');
  });
});
