// Helpers for STS and audit suites: register an application, call the token endpoint with form
// encoding and Basic (or body) client authentication, and read the stored audit rows.
import type { TestServer } from './server.ts';

export interface TestApp {
  id: string;
  client_id: string;
  client_secret: string;
  name: string;
}

export async function createApp(t: TestServer, zoneId: string, name: string, labels: string[] = []): Promise<TestApp> {
  const r = await t.api('POST', `/v1/zones/${zoneId}/applications`, { body: { name, labels } });
  if (r.status !== 201) throw new Error(`application create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface TokenCall {
  status: number;
  body: any;
  headers: Headers;
}

export async function tokenRequest(
  t: TestServer,
  form: Record<string, string>,
  o: { app?: Pick<TestApp, 'client_id' | 'client_secret'>; inBody?: boolean; headers?: Record<string, string>; raw?: string } = {},
): Promise<TokenCall> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...(o.headers ?? {}) };
  const fields = { ...form };
  if (o.app && o.inBody) Object.assign(fields, { client_id: o.app.client_id, client_secret: o.app.client_secret });
  else if (o.app) headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(o.app.client_id)}:${encodeURIComponent(o.app.client_secret)}`).toString('base64')}`;
  const r = await fetch(`${t.url}/oauth/2/token`, { method: 'POST', headers, body: o.raw ?? new URLSearchParams(fields).toString() });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: r.status, body, headers: r.headers };
}

export const clientCredentials = (resource: string, scope: string) => ({ grant_type: 'client_credentials', resource, scope });

export async function auditRows(t: TestServer, zoneId: string) {
  return t.db.all<{ request_id: string; event_type: string; decision: string; evaluation_status: string; diagnostics_json: string; input_json: string; policy_set_version_id: string | null }>(
    'SELECT request_id, event_type, decision, evaluation_status, diagnostics_json, input_json, policy_set_version_id FROM audit_events WHERE zone_id = ? ORDER BY seq',
    [zoneId],
  );
}
