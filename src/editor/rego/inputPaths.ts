/**
 * The decision contract's input document (schema_version "2026-05-20"), as a tree for
 * `input.` completion. Mirrors /work/shared/design/decision-contract.md § Input.
 */
export interface InputField {
  type: string;
  doc: string;
  fields?: Record<string, InputField>;
}

export const decisionInput: Record<string, InputField> = {
  schema_version: { type: 'string', doc: 'Input schema version, "2026-05-20".' },
  principal: {
    type: 'object',
    doc: 'The application asking for a token.',
    fields: {
      type: { type: 'string', doc: 'Always "Application".' },
      id: { type: 'string', doc: "The application's id." },
      zone_id: { type: 'string', doc: 'The zone the application belongs to.' },
      name: { type: 'string', doc: "The application's name (optional)." },
      labels: { type: 'array<string>', doc: "The application's labels, e.g. [\"team:payments\", \"suspended\"]." },
    },
  },
  resource: {
    type: 'object',
    doc: 'The resource the token is for (RFC 8707).',
    fields: {
      type: { type: 'string', doc: 'Always "Resource".' },
      identifier: { type: 'string', doc: 'The resource identifier, "resource://…".' },
      scopes: { type: 'array<string>', doc: 'Scopes the resource offers.' },
    },
  },
  action: {
    type: 'object',
    doc: 'What is being attempted.',
    fields: { id: { type: 'string', doc: 'Always "TokenExchange".' } },
  },
  context: {
    type: 'object',
    doc: 'Request context.',
    fields: {
      requested_scopes: { type: 'array<string>', doc: 'Scopes requested in this exchange.' },
      time: { type: 'string', doc: 'Request time, RFC 3339 UTC. Read time from here, never from the clock.' },
      trace_id: { type: 'string', doc: 'Caller trace id (optional).' },
      subject_claims: { type: 'object', doc: 'Claims of the exchanged subject token (token exchange only).' },
    },
  },
};

/** Children of `input.a.b` given ["a", "b"]; null when the path leaves the contract. */
export function inputChildren(path: string[]): Record<string, InputField> | null {
  let level: Record<string, InputField> | undefined = decisionInput;
  for (const segment of path) {
    level = level?.[segment]?.fields;
    if (!level) return null;
  }
  return level;
}
