// The compatibility script: what a user's automation written against the Caracal admin client
// does, in plain fetch with exactly the contract's request and response shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, dialects, TestServer } from './support/server.ts';

describe.each(dialects)('compatibility script (%s)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
  });
  afterAll(() => t?.close());

  it('creates, composes, simulates, activates, then stages and activates a fix', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${t.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: r.status, json: (await r.json()) as any };
    };

    const zone = await call('POST', '/v1/zones', { name: 'Compat' });
    expect(zone.status).toBe(201);
    const zoneId = zone.json.id;
    const zones = await call('GET', '/v1/zones');
    expect(zones.json.items.map((z: { id: string }) => z.id)).toContain(zoneId);

    // admin.policies.create → read policy.version.id
    const buggy = 'package caracal.authz\n\nallow if "team:payments" in input.principal.labels\n';
    const policy = await call('POST', `/v1/zones/${zoneId}/policies`, { name: 'payments', description: 'grant', content: buggy });
    expect(policy.status).toBe(201);
    expect(policy.json).toMatchObject({ zone_id: zoneId, name: 'payments', version: { version: 1, policy_id: policy.json.id } });
    expect(policy.json.version_id).toBe(policy.json.version.id);

    // admin.policySets.create by name, addVersion with [{ policy_version_id }]
    const set = await call('POST', `/v1/zones/${zoneId}/policy-sets`, { name: 'production' });
    expect(set.status).toBe(201);
    const v1 = await call('POST', `/v1/zones/${zoneId}/policy-sets/${set.json.id}/versions`, { manifest: [{ policy_version_id: policy.json.version.id }] });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ policy_set_id: set.json.id, version: 1, schema_version: '2026-05-20' });
    expect(v1.json.manifest_sha256).toMatch(/^[0-9a-f]{64}$/);

    // admin.policySets.simulate with an input
    const suspended = {
      schema_version: '2026-05-20',
      principal: { type: 'Application', id: 'app-9', zone_id: zoneId, labels: ['team:payments', 'suspended'] },
      resource: { type: 'Resource', identifier: 'resource://payments/ledger', scopes: ['payments:read'] },
      action: { id: 'TokenExchange' },
      context: { requested_scopes: ['payments:read'], time: '2026-05-20T10:00:00Z' },
    };
    const sim1 = await call('POST', `/v1/zones/${zoneId}/policy-sets/${set.json.id}/simulate`, { version_id: v1.json.id, input: suspended });
    expect(sim1.status).toBe(200);
    expect(sim1.json).toMatchObject({ dry_run: true, would_activate: true, version_id: v1.json.id, warnings: [] });
    expect(sim1.json.result.decision).toBe('allow');
    expect(sim1.json.explanation.reason).toMatch(/payments/);

    // admin.policySets.activate
    const act1 = await call('POST', `/v1/zones/${zoneId}/policy-sets/${set.json.id}/activate`, { version_id: v1.json.id, reason: 'go live' });
    expect(act1.status).toBe(202);
    expect(act1.json).toMatchObject({ activated: true, version_id: v1.json.id, previous_version_id: null });
    const status = await call('GET', act1.json.status_url);
    expect(status.json).toMatchObject({ active: true, propagation_status: 'loaded' });

    // The fix: suspended applications must be denied. Stage it as a new version and simulate the same input.
    const fixed = buggy + '\ndeny contains {"reason": "application_suspended"} if "suspended" in input.principal.labels\n';
    const pv2 = await call('POST', `/v1/zones/${zoneId}/policies/${policy.json.id}/versions`, { content: fixed });
    expect(pv2.status).toBe(201);
    expect(pv2.json.version).toBe(2);
    const v2 = await call('POST', `/v1/zones/${zoneId}/policy-sets/${set.json.id}/versions`, { manifest: [{ policy_version_id: pv2.json.version_id }] });
    expect(v2.json.version).toBe(2);
    const sim2 = await call('POST', `/v1/zones/${zoneId}/policy-sets/${set.json.id}/simulate`, { version_id: v2.json.id, input: suspended });
    expect(sim2.json.would_activate).toBe(true);
    expect(sim2.json.result.decision).toBe('deny');
    expect(sim2.json.result.determining_policies).toEqual([expect.objectContaining({ policy: 'payments', rule: 'deny', policy_version_id: pv2.json.version_id })]);
    expect(sim2.json.explanation.reason).toMatch(/Denied by "payments"/);

    const act2 = await call('POST', `/v1/zones/${zoneId}/policy-sets/${set.json.id}/activate`, {
      version_id: v2.json.id,
      reason: 'deny suspended apps',
      expected_active_version_id: v1.json.id,
    });
    expect(act2.status).toBe(202);
    expect(act2.json.previous_version_id).toBe(v1.json.id);
    const z = await call('GET', `/v1/zones/${zoneId}`);
    expect(z.json.active).toMatchObject({ policy_set_version_id: v2.json.id, version: 2 });
  });
});
