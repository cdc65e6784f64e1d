// Plain sentences and warnings for simulation results (decision-contract.md, "Input").
import { SCHEMA_VERSION, type DecisionResult } from '../../contract/index.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Simulation accepts any JSON; these say where it does not look like what the STS sends. */
export function inputWarnings(input: unknown, zoneId: string): string[] {
  const w: string[] = [];
  const o = isObject(input) ? input : {};
  if (o.schema_version !== SCHEMA_VERSION) w.push(`input_schema_mismatch:${typeof o.schema_version === 'string' ? o.schema_version : 'missing'}`);
  const principal = isObject(o.principal) ? o.principal : undefined;
  if (principal && principal.zone_id !== undefined && principal.zone_id !== zoneId) w.push('principal_zone_mismatch');
  if (!isObject(o.resource)) w.push('missing_resource');
  if (!isObject(o.action)) w.push('missing_action');
  if (!isObject(o.context)) w.push('missing_context');
  return w;
}

const names = (r: DecisionResult, rule: 'allow' | 'deny') => [...new Set(r.determining_policies.filter((d) => d.rule === rule).map((d) => `"${d.policy}"`))].join(', ');

export function decisionSentence(r: DecisionResult, warnings: string[]): string {
  const note = warnings.length ? ` The input does not look like what the STS sends (${warnings.join(', ')}).` : '';
  if (r.evaluation_status === 'error') {
    const msg = r.diagnostics.find((d) => d.reason === 'evaluation_error')?.message ?? r.diagnostics[0]?.reason ?? 'unknown error';
    return `Evaluation failed (${msg}), so the decision is deny.${note}`;
  }
  if (r.decision === 'allow') return `Allowed: ${names(r, 'allow') || 'an allow rule'} allowed the request and no deny rule matched.${note}`;
  const denied = names(r, 'deny');
  if (denied) {
    const reasons = r.diagnostics.map((d) => d.message ?? d.reason).filter(Boolean).join('; ');
    return `Denied by ${denied}${reasons ? `: ${reasons}` : ''}.${note}`;
  }
  return `Denied by default: no allow rule matched this input.${note}`;
}
