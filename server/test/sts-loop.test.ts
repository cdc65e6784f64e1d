// The seed's loop over HTTP: activate → an exchange is denied → its audit event names the version
// and manifest hash with the deny reason → explain returns the exact input → simulating it against
// the same version gives the same decision → a new policy version fixes it → simulate allows →
// activate → the same exchange is allowed, and the audit event names the new policy version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, TestServer } from './support/server.ts';
import { clientCredentials, createApp, tokenRequest } from './support/sts.ts';

const GRANT_V1 = `package caracal.authz

allow if {
	"team:payments" in input.principal.labels
	input.resource.identifier == "resource://payments/ledger"
}
`;
const GRANT_V2 = `package caracal.authz

allow if {
	some team in {"team:payments", "team:billing"}
	team in input.principal.labels
	input.resource.identifier == "resource://payments/ledger"
}
`;

describe.each(dialects)('the seed loop over HTTP (%s)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
  });
  afterAll(() => t?.close());

  it('follows a denial to its fix and sees the fix decide', async () => {
    const zone = (await t.api('POST', '/v1/zones', { body: { name: 'Loop' } })).body;
    const z = `/v1/zones/${zone.id}`;
    const policy = (await t.api('POST', `${z}/policies`, { body: { name: 'payments-grant', content: GRANT_V1 } })).body;
    const set = (await t.api('POST', `${z}/policy-sets`, { body: { name: 'production' } })).body;
    const v1 = (await t.api('POST', `${z}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: policy.version_id }] } })).body;
    expect((await t.api('POST', `${z}/policy-sets/${set.id}/activate`, { body: { version_id: v1.id } })).status).toBe(202);

    const app = await createApp(t, zone.id, 'billing-service', ['team:billing']);
    const denied = await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 'access_denied', error_description: 'No policy allowed this request.' });
    const requestId = denied.body.request_id as string;
    expect(denied.headers.get('x-request-id')).toBe(requestId);

    const events = (await t.api('GET', `${z}/audit/by-request/${requestId}`)).body;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event_type: 'token_exchange',
      decision: 'deny',
      evaluation_status: 'complete',
      policy_set_id: set.id,
      policy_set_version_id: v1.id,
      manifest_sha: v1.manifest_sha256,
      determining_policies_json: [],
      diagnostics_json: [{ reason: 'no_rule_matched' }],
      metadata_json: { application_id: app.id, application_name: 'billing-service', resource: 'resource://payments/ledger', scopes: ['payments:read'] },
    });

    const explain = (await t.api('GET', `${z}/audit/by-request/${requestId}/explain?trace=full`)).body;
    expect(explain.final_decision).toBe('deny');
    const input = explain.denied[0].policy_input;
    // Exactly what the STS evaluated, as stored (compared with the row itself, not rebuilt).
    const stored = await t.db.get<{ input_json: string }>('SELECT input_json FROM audit_events WHERE request_id = ?', [requestId]);
    expect(input).toEqual(JSON.parse(stored!.input_json));
    expect(input).toMatchObject({
      schema_version: '2026-05-20',
      principal: { type: 'Application', id: app.id, zone_id: zone.id, name: 'billing-service', labels: ['team:billing'] },
      resource: { type: 'Resource', identifier: 'resource://payments/ledger', scopes: ['payments:read'] },
      action: { id: 'TokenExchange' },
      context: { requested_scopes: ['payments:read'], trace_id: requestId },
    });
    expect(Date.parse(input.context.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(explain.trace).toMatchObject({ level: 'full', policy_set_version_id: v1.id, manifest_sha256: v1.manifest_sha256, result: { decision: 'deny' } });
    expect(explain.trace.events.length).toBeGreaterThan(0);

    const same = (await t.api('POST', `${z}/policy-sets/${set.id}/simulate`, { body: { version_id: v1.id, input } })).body;
    expect(same.result).toMatchObject({ decision: 'deny', diagnostics: [{ reason: 'no_rule_matched' }] });

    const fix = (await t.api('POST', `${z}/policies/${policy.id}/versions`, { body: { content: GRANT_V2 } })).body;
    const v2 = (await t.api('POST', `${z}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: fix.id }] } })).body;
    const sim = (await t.api('POST', `${z}/policy-sets/${set.id}/simulate`, { body: { version_id: v2.id, input } })).body;
    expect(sim.result.decision).toBe('allow');
    expect((await t.api('POST', `${z}/policy-sets/${set.id}/activate`, { body: { version_id: v2.id, expected_active_version_id: v1.id } })).status).toBe(202);

    const allowed = await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ token_type: 'Bearer', scope: 'payments:read', issued_token_type: 'urn:ietf:params:oauth:token-type:access_token' });
    const last = (await t.api('GET', `${z}/audit?limit=1`)).body.items[0];
    expect(last).toMatchObject({ decision: 'allow', policy_set_version_id: v2.id, manifest_sha: v2.manifest_sha256 });
    expect(last.determining_policies_json).toEqual([
      expect.objectContaining({ policy: 'payments-grant', policy_id: policy.id, policy_version_id: fix.id, version: 2, rule: 'allow' }),
    ]);
    expect(last.metadata_json.token_jti).toEqual(expect.any(String));

    const verify = (await t.api('GET', `${z}/audit/verify`)).body;
    expect(verify).toEqual({ ok: true, checked: 2 });
  });
});
