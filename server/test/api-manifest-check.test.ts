// POST /v1/zones/:zoneId/policy-sets/:id/versions/check — compile a draft manifest, store nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { dialects, policyText, TestServer } from './support/server.ts';

describe.each(dialects)('POST .../policy-sets/:id/versions/check (%s)', (dialect) => {
  let t: TestServer;
  let zoneId: string;
  let setId: string;
  let pvA: string;
  let pvB: string;
  let pvC: string;
  const check = (manifest: unknown, token?: string) =>
    t.api('POST', `/v1/zones/${zoneId}/policy-sets/${setId}/versions/check`, { body: { manifest }, token });

  beforeAll(async () => {
    t = await TestServer.start(dialect);
    zoneId = (await t.api('POST', '/v1/zones', { body: { name: 'Check' } })).body.id;
    pvA = (await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'grant', content: policyText('grant') } })).body.version_id;
    // Compiles alone; together with another `default allow` it is a conflict the engine reports.
    const lone = 'default allow := false\nallow if input.x == 1';
    pvB = (await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'default-one', content: policyText('d1', lone) } })).body.version_id;
    pvC = (await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'default-two', content: policyText('d2', lone) } })).body.version_id;
    setId = (await t.api('POST', `/v1/zones/${zoneId}/policy-sets`, { body: { name: 'draft' } })).body.id;
  });
  afterAll(() => t?.close());

  it('answers 200 with the manifest hash when the draft compiles, and stores no version', async () => {
    const r = await check([{ policy_version_id: pvA }]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ valid: true, manifest_sha256: createHash('sha256').update(JSON.stringify([{ policy_version_id: pvA }])).digest('hex') });
    expect((await t.api('GET', `/v1/zones/${zoneId}/policy-sets/${setId}/versions`)).body.items).toEqual([]);
  });

  it('answers 422 invalid_policy_bundle naming the policy and line when the merged set does not compile', async () => {
    const r = await check([{ policy_version_id: pvB }, { policy_version_id: pvC }]);
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('invalid_policy_bundle');
    expect(r.body.errors.length).toBeGreaterThan(0);
    expect(['default-one', 'default-two']).toContain(r.body.errors[0].policy);
    expect(r.body.errors[0].row).toBeGreaterThan(0);
    expect(r.body.error_description).toMatch(/do not compile together: policy "default-(one|two)" line \d+/);
  });

  it('refuses an unknown policy version (404), a duplicate (422), an empty manifest (400) and an auditor (403)', async () => {
    expect((await check([{ policy_version_id: 'nope' }])).status).toBe(404);
    const dup = await check([{ policy_version_id: pvA }, { policy_version_id: pvA }]);
    expect([dup.status, dup.body.error]).toEqual([422, 'invalid_manifest']);
    const empty = await check([]);
    expect([empty.status, empty.body.error]).toEqual([400, 'invalid_body']);
    const auditor = (await t.api('POST', '/v1/admin-tokens', { body: { name: 'aud', role: 'auditor' } })).body.token;
    expect((await check([{ policy_version_id: pvA }], auditor)).status).toBe(403);
  });
});
