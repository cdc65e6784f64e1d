// Builds the decision-contract input (schema_version 2026-05-20) for one STS request.
// The server, never the caller, sets context.time; subject_claims appear only for token exchange.
import { SCHEMA_VERSION } from '../../contract/common.ts';

export interface InputApplication {
  id: string;
  zone_id: string;
  name: string;
  labels: string[];
}

export interface DecisionInput {
  schema_version: string;
  principal: { type: 'Application'; id: string; zone_id: string; name: string; labels: string[] };
  resource: { type: 'Resource'; identifier: string; scopes: string[] };
  action: { id: 'TokenExchange' };
  context: { requested_scopes: string[]; time: string; trace_id?: string; subject_claims?: Record<string, unknown> };
}

export function buildDecisionInput(args: {
  application: InputApplication;
  resource: string;
  scopes: string[];
  now: Date;
  traceId?: string;
  subjectClaims?: Record<string, unknown>;
}): DecisionInput {
  const { application: app } = args;
  const context: DecisionInput['context'] = {
    requested_scopes: [...args.scopes],
    time: args.now.toISOString(),
  };
  if (args.traceId) context.trace_id = args.traceId;
  if (args.subjectClaims) context.subject_claims = args.subjectClaims;
  return {
    schema_version: SCHEMA_VERSION,
    principal: { type: 'Application', id: app.id, zone_id: app.zone_id, name: app.name, labels: [...app.labels] },
    resource: { type: 'Resource', identifier: args.resource, scopes: [...args.scopes] },
    action: { id: 'TokenExchange' },
    context,
  };
}

/** Token exchange may only narrow: every requested scope must already be in the subject token. */
export function scopesOutsideSubject(requested: string[], subjectScope: unknown): string[] {
  const granted = new Set(typeof subjectScope === 'string' ? subjectScope.split(' ').filter(Boolean) : []);
  return requested.filter((s) => !granted.has(s));
}
