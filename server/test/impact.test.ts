// Impact analysis over real recorded decisions: counts and examples against what the active version
// decides, whether the decision was recorded by the active version or by an older one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, TestServer } from './support/server.ts';
import { clientCredentials, createApp, tokenRequest } from './support/sts.ts';

const grant = (labels: string[]) => `package caracal.authz

allow if {
	some label in ${JSON.stringify(labels)}
	label in input.principal.labels
}
`;

describe.each(dialects)('POST .../versions/:versionId/impact with recorded inputs (%s)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
  });
  afterAll(() => t?.close());

  it('counts allow→deny and deny→allow against the active version, with examples', async () => {
    const zone = (await t.api('POST', '/v1/zones', { body: { name: 'Impact' } })).body;
    const z = `/v1/zones/${zone.id}`;
    const policy = (await t.api('POST', `${z}/policies`, { body: { name: 'grant', content: grant(['team:payments']) } })).body;
    const set = (await t.api('POST', `${z}/policy-sets`, { body: { name: 'prod' } })).body;
    const v1 = (await t.api('POST', `${z}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: policy.version_id }] } })).body;
    expect((await t.api('POST', `${z}/policy-sets/${set.id}/activate`, { body: { version_id: v1.id } })).status).toBe(202);

    const payments = await createApp(t, zone.id, 'payments', ['team:payments']);
    const billing = await createApp(t, zone.id, 'billing', ['team:billing']);
    const ask = (app: typeof payments) => tokenRequest(t, clientCredentials('resource://ledger', 'read'), { app });
    // Recorded under v1: payments allowed twice, billing denied once.
    expect((await ask(payments)).status).toBe(200);
    expect((await ask(payments)).status).toBe(200);
    const billingDenied = await ask(billing);
    expect(billingDenied.status).toBe(403);

    // v2 grants billing instead of payments.
    const pv2 = (await t.api('POST', `${z}/policies/${policy.id}/versions`, { body: { content: grant(['team:billing']) } })).body;
    const v2 = (await t.api('POST', `${z}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: pv2.id }] } })).body;
    const impact = await t.api('POST', `${z}/policy-sets/${set.id}/versions/${v2.id}/impact`, { body: { limit: 100 } });
    expect(impact.status).toBe(200);
    expect(impact.body).toMatchObject({ baseline_version_id: v1.id, evaluated: 3, unchanged: 0, changed: { allow_to_deny: 2, deny_to_allow: 1 } });
    const billingExample = impact.body.examples.find((e: { request_id: string }) => e.request_id === billingDenied.body.request_id);
    expect(billingExample).toMatchObject({ before: 'deny', after: 'allow', determining_policies: [{ policy: 'grant', policy_version_id: pv2.id, rule: 'allow' }] });

    // Activate v2: the decisions recorded under v1 are now replayed against v2 (the baseline), so
    // v2's impact against itself is nothing, and v1's impact is the mirror image.
    expect((await t.api('POST', `${z}/policy-sets/${set.id}/activate`, { body: { version_id: v2.id } })).status).toBe(202);
    const self = (await t.api('POST', `${z}/policy-sets/${set.id}/versions/${v2.id}/impact`, { body: {} })).body;
    expect(self).toMatchObject({ baseline_version_id: v2.id, evaluated: 3, unchanged: 3, changed: { allow_to_deny: 0, deny_to_allow: 0 }, examples: [] });
    const back = (await t.api('POST', `${z}/policy-sets/${set.id}/versions/${v1.id}/impact`, { body: {} })).body;
    expect(back).toMatchObject({ evaluated: 3, changed: { allow_to_deny: 1, deny_to_allow: 2 } });
  });
});
