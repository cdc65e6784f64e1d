/** How one decision reads in a table cell or a sentence (pure, shared by the audit screens). */
import type { AuditEventRow } from './api/queries';

export const meta = (e: Pick<AuditEventRow, 'metadata_json'>) => e.metadata_json as {
  application_id?: string;
  application_name?: string;
  client_id?: string;
  resource?: string;
  scopes?: string[];
  latency_ms?: number;
  grant_type?: string;
};

export function determiningText(e: Pick<AuditEventRow, 'determining_policies_json' | 'diagnostics_json' | 'decision'>): string {
  const policies = e.determining_policies_json.map((p) => `${String(p.policy)}${p.version ? ` v${String(p.version)}` : ''}`);
  if (e.decision === 'allow' || policies.length) return policies.join(', ') || '—';
  const reasons = e.diagnostics_json.map((d) => String(d.reason ?? d.message ?? '')).filter(Boolean);
  return reasons.join(', ') || '—';
}

const REASONS: Record<string, string> = {
  no_rule_matched: 'no allow rule matched',
  no_active_policy_set: 'the zone had no active policy set',
  evaluation_error: 'the evaluation failed',
};

/** "Denied: no allow rule matched." — the decision and its reason in one sentence. */
export function decisionSentence(e: AuditEventRow): string {
  const m = meta(e);
  const who = m.application_name ?? m.client_id ?? 'An unknown client';
  const what = `${m.resource ?? 'a resource'}${m.scopes?.length ? ` with ${m.scopes.join(' ')}` : ''}`;
  if (e.decision === 'allow') {
    const by = e.determining_policies_json.map((p) => `${String(p.policy)} v${String(p.version)}`).join(', ');
    return `Allowed: ${who} got a token for ${what}${by ? `, allowed by ${by}` : ''}.`;
  }
  const denyRules = e.determining_policies_json.filter((p) => p.rule === 'deny').map((p) => `${String(p.policy)} v${String(p.version)}`);
  const reasons = e.diagnostics_json.map((d) => {
    const reason = String(d.reason ?? '');
    return REASONS[reason] ?? (typeof d.message === 'string' && d.message ? d.message : reason);
  });
  const because = denyRules.length ? `denied by ${denyRules.join(', ')}` : reasons.filter(Boolean).join('; ') || 'no reason recorded';
  return `Denied: ${who} asked for ${what}; ${because}.`;
}

export const timeWithZone = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'long',
});

export const shortTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
