// Policies, validation and editor support, grouped by route: happy path and every error code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, policyText, TestServer } from './support/server.ts';

describe.each(dialects)('policies API (%s)', (dialect) => {
  let t: TestServer;
  let zoneId: string;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
    zoneId = (await t.api('POST', '/v1/zones', { body: { name: 'Policies', slug: 'pol' } })).body.id;
  });
  afterAll(() => t?.close());

  describe('POST /v1/policies/validate', () => {
    it('returns the package and rules of Rego that compiles', async () => {
      const r = await t.api('POST', '/v1/policies/validate', { body: { content: 'package caracal.authz\n\nallow if input.x == 1\n' } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ valid: true, package: 'caracal.authz', rules: ['allow'] });
    });
    it('returns 422 invalid_rego with row and col from OPA', async () => {
      const r = await t.api('POST', '/v1/policies/validate', { body: { content: 'package caracal.authz\n\nallow if {\n  input.x ==\n}\n' } });
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ valid: false, error: 'invalid_rego' });
      expect(r.body.errors[0]).toMatchObject({ row: expect.any(Number), col: expect.any(Number), code: 'rego_parse_error' });
      expect(r.body.errors[0].row).toBeGreaterThanOrEqual(4);
      expect(r.body.error_description).toMatch(/line \d+, column \d+/);
    });
    it('refuses a forbidden built-in by name', async () => {
      const r = await t.api('POST', '/v1/policies/validate', { body: { content: 'package caracal.authz\n\nallow if time.now_ns() > 0\n' } });
      expect(r.status).toBe(422);
      expect(JSON.stringify(r.body.errors)).toContain('time.now_ns');
    });
    it('answers 401 without a token', async () => {
      const r = await t.api('POST', '/v1/policies/validate', { body: { content: 'package x' }, token: null });
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('invalid_admin_token');
    });
  });

  describe('POST /v1/policies/format and /test, GET /v1/builtins', () => {
    it('formats Rego', async () => {
      const r = await t.api('POST', '/v1/policies/format', { body: { content: 'package caracal.authz\nallow if {input.x==1}' } });
      expect(r.status).toBe(200);
      expect(r.body.formatted).toContain('input.x == 1');
    });
    it('format refuses unparsable Rego with 422', async () => {
      const r = await t.api('POST', '/v1/policies/format', { body: { content: 'package caracal.authz\nallow if {' } });
      expect(r.status).toBe(422);
      expect(r.body.error).toBe('invalid_rego');
    });
    it('runs the tests in a policy', async () => {
      const content = 'package caracal.authz\n\nallow if input.x == 1\n\ntest_allows if allow with input as {"x": 1}\n\ntest_fails if allow with input as {"x": 2}\n';
      const r = await t.api('POST', '/v1/policies/test', { body: { content } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ passed: 1, failed: 1, errored: 0 });
      expect(r.body.tests.map((x: { name: string; status: string }) => [x.name.replace(/^.*\./, ''), x.status]).sort()).toEqual([
        ['test_allows', 'pass'],
        ['test_fails', 'fail'],
      ]);
      expect(r.body.coverage.percent).toBeGreaterThan(0);
    });
    it('lists built-ins without the forbidden ones', async () => {
      const r = await t.api('GET', '/v1/builtins');
      expect(r.status).toBe(200);
      const names = r.body.builtins.map((b: { name: string }) => b.name);
      expect(names).toContain('startswith');
      expect(names).not.toContain('http.send');
      expect(names).not.toContain('time.now_ns');
    });
  });

  describe('POST /v1/zones/:zoneId/policies', () => {
    it('creates a policy with version 1 and stores the content hash', async () => {
      const content = policyText('create');
      const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'create-me', description: 'd', content } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ zone_id: zoneId, name: 'create-me', description: 'd', version: { version: 1, schema_version: '2026-05-20' } });
      const { createHash } = await import('node:crypto');
      expect(r.body.version.content_sha256).toBe(createHash('sha256').update(content).digest('hex'));
      expect(await t.count('policy_versions', 'policy_id = ?', [r.body.id])).toBe(1);
      expect(await t.count('admin_audit', "action = 'policy.create' AND entity_id = ?", [r.body.id])).toBe(1);
    });
    it('refuses invalid Rego with 422 and stores nothing', async () => {
      const before = await t.count('policies');
      const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'broken', content: 'package caracal.authz\nallow if {' } });
      expect(r.status).toBe(422);
      expect(r.body.error).toBe('invalid_rego');
      expect(r.body.errors.length).toBeGreaterThan(0);
      expect(await t.count('policies')).toBe(before);
    });
    it('refuses a duplicate name with 409 policy_name_conflict', async () => {
      await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'dup', content: policyText('dup') } });
      const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'dup', content: policyText('dup') } });
      expect(r.status).toBe(409);
      expect(r.body.error).toBe('policy_name_conflict');
      expect(await t.count('policies', 'name = ?', ['dup'])).toBe(1);
    });
    it('answers 404 zone_not_found for an unknown zone', async () => {
      const r = await t.api('POST', '/v1/zones/nope/policies', { body: { name: 'x', content: policyText('x') } });
      expect(r.status).toBe(404);
      expect(r.body.error).toBe('zone_not_found');
    });
    it('answers 400 invalid_body naming the field', async () => {
      const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: '', content: policyText('x') } });
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('invalid_body');
      expect(r.body.details.issues[0].path).toBe('name');
    });
  });

  describe('versions, get, list, usage, archive', () => {
    let policyId: string;
    beforeAll(async () => {
      policyId = (await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'versioned', content: policyText('v1') } })).body.id;
    });

    it('POST .../versions adds version 2; GET returns versions newest first', async () => {
      const r = await t.api('POST', `/v1/zones/${zoneId}/policies/${policyId}/versions`, { body: { content: policyText('v2') } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ policy_id: policyId, version: 2 });
      const g = await t.api('GET', `/v1/zones/${zoneId}/policies/${policyId}`);
      expect(g.status).toBe(200);
      expect(g.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(g.body.latest_version).toBe(2);
      expect(g.body.versions[0].content).toContain('# v2');
      const one = await t.api('GET', `/v1/zones/${zoneId}/policies/${policyId}/versions/${r.body.id}`);
      expect(one.status).toBe(200);
      expect(one.body.content).toContain('# v2');
    });
    it('POST .../versions refuses invalid Rego (422) and unknown policies (404)', async () => {
      const bad = await t.api('POST', `/v1/zones/${zoneId}/policies/${policyId}/versions`, { body: { content: 'package caracal.authz\nallow if {' } });
      expect(bad.status).toBe(422);
      const missing = await t.api('POST', `/v1/zones/${zoneId}/policies/nope/versions`, { body: { content: policyText('x') } });
      expect(missing.status).toBe(404);
      expect(missing.body.error).toBe('policy_not_found');
      const v = await t.api('GET', `/v1/zones/${zoneId}/policies/${policyId}/versions/nope`);
      expect(v.status).toBe(404);
      expect(v.body.error).toBe('policy_version_not_found');
    });
    it('GET list pages with a cursor, filters by q and sorts by name', async () => {
      for (const n of ['list-a', 'list-b', 'list-c']) await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: n, content: policyText(n) } });
      const p1 = await t.api('GET', `/v1/zones/${zoneId}/policies?q=LIST-&sort=name&limit=2`);
      expect(p1.status).toBe(200);
      expect(p1.body.items.map((p: { name: string }) => p.name)).toEqual(['list-a', 'list-b']);
      expect(p1.body.items[0]).toMatchObject({ latest_version: 1, in_active_set: false });
      const p2 = await t.api('GET', `/v1/zones/${zoneId}/policies?q=list-&sort=name&limit=2&cursor=${p1.body.next_cursor}`);
      expect(p2.body.items.map((p: { name: string }) => p.name)).toEqual(['list-c']);
      expect(p2.body.next_cursor).toBeNull();
      const desc = await t.api('GET', `/v1/zones/${zoneId}/policies?q=list-&sort=-name`);
      expect(desc.body.items.map((p: { name: string }) => p.name)).toEqual(['list-c', 'list-b', 'list-a']);
    });
    it('GET list refuses a bad query with 400 invalid_query', async () => {
      for (const q of ['limit=0', 'limit=501', 'sort=evil', 'cursor=garbage', 'extra=1']) {
        const r = await t.api('GET', `/v1/zones/${zoneId}/policies?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.body.error, q).toBe('invalid_query');
      }
    });
    it('usage and in_active_set follow the active version; archive is refused while active', async () => {
      const set = (await t.api('POST', `/v1/zones/${zoneId}/policy-sets`, { body: { name: 'usage-set' } })).body;
      const g = await t.api('GET', `/v1/zones/${zoneId}/policies/${policyId}`);
      const v = (await t.api('POST', `/v1/zones/${zoneId}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: g.body.versions[0].id }] } })).body;
      await t.api('POST', `/v1/zones/${zoneId}/policy-sets/${set.id}/activate`, { body: { version_id: v.id } });
      const u = await t.api('GET', `/v1/zones/${zoneId}/policies/${policyId}/usage`);
      expect(u.status).toBe(200);
      expect(u.body.items).toEqual([
        { policy_version_id: g.body.versions[0].id, policy_set_id: set.id, policy_set_name: 'usage-set', policy_set_version_id: v.id, policy_set_version: 1, active: true },
      ]);
      const list = await t.api('GET', `/v1/zones/${zoneId}/policies?q=versioned`);
      expect(list.body.items[0].in_active_set).toBe(true);
      const del = await t.api('DELETE', `/v1/zones/${zoneId}/policies/${policyId}`);
      expect(del.status).toBe(409);
      expect(del.body.error).toBe('policy_in_active_set');
    });
    it('DELETE archives: gone from lists and GET, the name is free again, versions stay', async () => {
      const p = (await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'archive-me', content: policyText('a') } })).body;
      const del = await t.api('DELETE', `/v1/zones/${zoneId}/policies/${p.id}`);
      expect(del.status).toBe(204);
      expect((await t.api('GET', `/v1/zones/${zoneId}/policies/${p.id}`)).status).toBe(404);
      expect((await t.api('DELETE', `/v1/zones/${zoneId}/policies/${p.id}`)).status).toBe(404);
      const again = await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'archive-me', content: policyText('b') } });
      expect(again.status).toBe(201);
      expect(await t.count('policy_versions', 'policy_id = ?', [p.id])).toBe(1);
    });
  });
});
