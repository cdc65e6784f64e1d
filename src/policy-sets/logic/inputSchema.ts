import { SCHEMA_VERSION } from '../../../contract/common.ts';

const strings = { type: 'array', items: { type: 'string' } } as const;

/**
 * JSON Schema of the decision contract's input (schema_version "2026-05-20"), for completion and
 * validation in the simulation editor. Simulation accepts any object; this only guides.
 */
export const decisionInputSchema = {
  type: 'object',
  properties: {
    schema_version: { const: SCHEMA_VERSION, description: 'Input schema version.' },
    principal: {
      type: 'object',
      description: 'The application asking for a token.',
      properties: {
        type: { const: 'Application' },
        id: { type: 'string', description: "The application's id." },
        zone_id: { type: 'string', description: 'The zone the application belongs to.' },
        name: { type: 'string' },
        labels: { ...strings, description: 'Labels such as "team:payments".' },
      },
      required: ['type', 'id', 'zone_id', 'labels'],
    },
    resource: {
      type: 'object',
      properties: {
        type: { const: 'Resource' },
        identifier: { type: 'string', pattern: '^resource://', description: 'resource://…' },
        scopes: strings,
      },
      required: ['type', 'identifier', 'scopes'],
    },
    action: { type: 'object', properties: { id: { const: 'TokenExchange' } }, required: ['id'] },
    context: {
      type: 'object',
      properties: {
        requested_scopes: strings,
        time: { type: 'string', format: 'date-time', description: 'RFC 3339 UTC; policies read time from here.' },
        trace_id: { type: 'string' },
        subject_claims: { type: 'object' },
      },
      required: ['requested_scopes', 'time'],
    },
  },
  required: ['schema_version', 'principal', 'resource', 'action', 'context'],
} as const;

/** Starting inputs for the simulation editor. */
export function exampleInputs(zoneId: string): { id: string; title: string; input: object }[] {
  const base = (labels: string[], resource: string, scopes: string[]) => ({
    schema_version: SCHEMA_VERSION,
    principal: { type: 'Application', id: 'app-example', zone_id: zoneId, name: 'example app', labels },
    resource: { type: 'Resource', identifier: resource, scopes },
    action: { id: 'TokenExchange' },
    context: { requested_scopes: scopes, time: '2026-05-20T12:00:00Z' },
  });
  return [
    { id: 'payments-read', title: 'Payments app reads the payments API', input: base(['team:payments'], 'resource://payments-api', ['payments:read']) },
    { id: 'suspended', title: 'Suspended application', input: base(['team:payments', 'suspended'], 'resource://payments-api', ['payments:read']) },
    { id: 'unlabelled', title: 'Application without labels', input: base([], 'resource://payments-api', ['payments:read']) },
  ];
}
