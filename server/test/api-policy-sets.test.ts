// Policy sets, versions, simulation, activation, approval and impact: happy paths and error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, policyText, seedZone, stsInput, TestServer } from './support/server.ts';

describe.each(dialects)('policy sets API (%s)', (dialect) => {
  let t: TestServer;
  let zoneId: string;
  let pvA: string;
  let pvB: string;
  let setId: string;
  const base = () => `/v1/zones/${zoneId}/policy-sets`;

  beforeAll(async () => {
    t = await TestServer.start(dialect);
    zoneId = (await t.api('POST', '/v1/zones', { body: { name: 'Sets' } })).body.id;
    pvA = (await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'grant', content: policyText('grant', 'allow if "team:payments" in input.principal.labels') } })).body.version_id;
    pvB = (
      await t.api('POST', `/v1/zones/${zoneId}/policies`, {
        body: { name: 'no-weekend', content: policyText('nw', 'deny contains {"reason": "closed", "message": "closed on day 0"} if input.context.day == 0') },
      })
    ).body.version_id;
    setId = (await t.api('POST', base(), { body: { name: 'main', description: 'the set' } })).body.id;
  });
  afterAll(() => t?.close());

  describe('POST/GET policy-sets', () => {
    it('creates, lists and gets a set', async () => {
      const list = await t.api('GET', base());
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id: setId, name: 'main', description: 'the set', active_version_id: null, active_version: null, version_count: 0, last_activated_at: null })]);
      const one = await t.api('GET', `${base()}/${setId}`);
      expect(one.body.id).toBe(setId);
    });
    it('refuses a duplicate name with 409 and unknown ids with 404', async () => {
      const dup = await t.api('POST', base(), { body: { name: 'main' } });
      expect(dup.status).toBe(409);
      expect(dup.body.error).toBe('policy_set_name_conflict');
      const nf = await t.api('GET', `${base()}/nope`);
      expect(nf.status).toBe(404);
      expect(nf.body.error).toBe('policy_set_not_found');
    });
  });

  describe('POST .../versions', () => {
    it('creates a version whose manifest_sha256 follows the contract', async () => {
      const r = await t.api('POST', `${base()}/${setId}/versions`, { body: { manifest: [{ policy_version_id: pvA }, { policy_version_id: pvB }] } });
      expect(r.status).toBe(201);
      const { createHash } = await import('node:crypto');
      const expected = createHash('sha256').update(JSON.stringify([{ policy_version_id: pvA }, { policy_version_id: pvB }])).digest('hex');
      expect(r.body).toMatchObject({ policy_set_id: setId, version: 1, manifest_sha256: expected });
      const g = await t.api('GET', `${base()}/${setId}/versions/${r.body.id}`);
      expect(g.body).toMatchObject({
        manifest_json: [{ policy_version_id: pvA }, { policy_version_id: pvB }],
        policies: [
          { policy_version_id: pvA, policy: 'grant', version: 1 },
          { policy_version_id: pvB, policy: 'no-weekend', version: 1 },
        ],
      });
      const list = await t.api('GET', `${base()}/${setId}/versions`);
      expect(list.body.items.map((v: { id: string }) => v.id)).toEqual([r.body.id]);
    });
    it('422 invalid_policy_bundle names the policies when two declare default allow', async () => {
      const d1 = (await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'default-1', content: policyText('d1', 'default allow := false') } })).body.version_id;
      const d2 = (await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'default-2', content: policyText('d2', 'default allow := false') } })).body.version_id;
      const before = await t.count('policy_set_versions');
      const r = await t.api('POST', `${base()}/${setId}/versions`, { body: { manifest: [{ policy_version_id: d1 }, { policy_version_id: d2 }] } });
      expect(r.status).toBe(422);
      expect(r.body.error).toBe('invalid_policy_bundle');
      expect(r.body.errors[0]).toMatchObject({ row: expect.any(Number), col: expect.any(Number) });
      expect(JSON.stringify(r.body.errors)).toMatch(/default-1|default-2/);
      expect(await t.count('policy_set_versions')).toBe(before);
    });
    it('refuses duplicates (422), unknown versions (404), empty manifests (400)', async () => {
      const dup = await t.api('POST', `${base()}/${setId}/versions`, { body: { manifest: [{ policy_version_id: pvA }, { policy_version_id: pvA }] } });
      expect(dup.status).toBe(422);
      expect(dup.body.error).toBe('invalid_manifest');
      const unknown = await t.api('POST', `${base()}/${setId}/versions`, { body: { manifest: [{ policy_version_id: 'nope' }] } });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('policy_version_not_found');
      const empty = await t.api('POST', `${base()}/${setId}/versions`, { body: { manifest: [] } });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toBe('invalid_body');
    });
    it('refuses a policy version from another zone (404)', async () => {
      const other = await seedZone(t);
      const r = await t.api('POST', `${base()}/${setId}/versions`, { body: { manifest: [{ policy_version_id: other.policy.version_id }] } });
      expect(r.status).toBe(404);
    });
  });

  describe('POST .../simulate', () => {
    let vid: string;
    beforeAll(async () => {
      vid = (await t.api('GET', `${base()}/${setId}/versions`)).body.items[0].id;
    });
    it('allows with the determining policy and a sentence', async () => {
      const r = await t.api('POST', `${base()}/${setId}/simulate`, { body: { version_id: vid, input: stsInput(zoneId) } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ dry_run: true, would_activate: true, policy_set_id: setId, version_id: vid, warnings: [], input_schema_version: '2026-05-20', policies: [pvA, pvB] });
      expect(r.body.result).toMatchObject({ decision: 'allow', evaluation_status: 'complete' });
      expect(r.body.result.determining_policies).toEqual([expect.objectContaining({ policy: 'grant', rule: 'allow', policy_version_id: pvA })]);
      expect(r.body.explanation).toMatchObject({ evaluation: 'executed', decision: 'allow' });
      expect(r.body.explanation.reason).toMatch(/^Allowed: "grant"/);
      expect(r.body.explanation.trace).toBeUndefined();
    });
    it('denies by rule with diagnostics, and returns a trace on request', async () => {
      const input = stsInput(zoneId, { context: { requested_scopes: ['payments:read'], time: '2026-05-20T10:00:00Z', day: 0 } });
      const r = await t.api('POST', `${base()}/${setId}/simulate`, { body: { version_id: vid, input, explain: 'full' } });
      expect(r.body.result.decision).toBe('deny');
      expect(r.body.result.diagnostics).toEqual([expect.objectContaining({ reason: 'closed', message: 'closed on day 0' })]);
      expect(r.body.explanation.reason).toBe('Denied by "no-weekend": closed on day 0.');
      expect(r.body.explanation.trace.length).toBeGreaterThan(0);
      expect(r.body.explanation.trace[0]).toHaveProperty('op');
    });
    it('without input: compiles, not executed, would_activate true', async () => {
      const r = await t.api('POST', `${base()}/${setId}/simulate`, { body: { version_id: vid } });
      expect(r.body).toMatchObject({ would_activate: true, result: null, explanation: { evaluation: 'not_executed' } });
      expect(r.body.explanation.reason).toMatch(/No input/);
    });
    it('warns (never fails) on inputs that do not look like the STS input; would_activate false', async () => {
      const r = await t.api('POST', `${base()}/${setId}/simulate`, { body: { version_id: vid, input: { principal: { zone_id: 'elsewhere', labels: [] } } } });
      expect(r.status).toBe(200);
      expect(r.body.warnings).toEqual(['input_schema_mismatch:missing', 'principal_zone_mismatch', 'missing_resource', 'missing_action', 'missing_context']);
      expect(r.body.would_activate).toBe(false);
      expect(r.body.result.decision).toBe('deny');
      expect(r.body.result.diagnostics).toEqual([{ reason: 'no_rule_matched' }]);
    });
    it('404 for an unknown version, 400 for a bad explain level', async () => {
      expect((await t.api('POST', `${base()}/${setId}/simulate`, { body: { version_id: 'nope' } })).body.error).toBe('policy_set_version_not_found');
      const bad = await t.api('POST', `${base()}/${setId}/simulate`, { body: { version_id: vid, explain: 'verbose' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toBe('invalid_body');
    });
  });

  describe('activation', () => {
    it('activates, reports loaded, records history, and rolls back to an older version', async () => {
      const v1 = (await t.api('GET', `${base()}/${setId}/versions`)).body.items[0].id;
      const a1 = await t.api('POST', `${base()}/${setId}/activate`, { body: { version_id: v1, reason: 'launch', expected_active_version_id: null } });
      expect(a1.status).toBe(202);
      expect(a1.body).toMatchObject({ activated: true, version_id: v1, previous_version_id: null, outbox_id: a1.body.activation_id });
      const st = await t.api('GET', a1.body.status_url);
      expect(st.body).toMatchObject({ zone_id: zoneId, policy_set_id: setId, version_id: v1, active: true, active_version_id: v1, propagation_status: 'loaded', engine: { healthy: true, loaded: true } });

      const v2 = (await t.api('POST', `${base()}/${setId}/versions`, { body: { manifest: [{ policy_version_id: pvA }] } })).body.id;
      const pending = await t.api('GET', `${base()}/${setId}/activation-status?version_id=${v2}`);
      expect(pending.body).toMatchObject({ active: false, propagation_status: 'waiting_for_activation' });
      const a2 = await t.api('POST', `${base()}/${setId}/activate`, { body: { version_id: v2, reason: 'slim', expected_active_version_id: v1 } });
      expect(a2.status).toBe(202);
      expect(a2.body.previous_version_id).toBe(v1);

      const stale = await t.api('POST', `${base()}/${setId}/activate`, { body: { version_id: v1, expected_active_version_id: v1 } });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toBe('active_version_changed');

      const rollback = await t.api('POST', `${base()}/${setId}/activate`, { body: { version_id: v1, reason: 'rollback', expected_active_version_id: v2 } });
      expect(rollback.status).toBe(202);
      const hist = await t.api('GET', `/v1/zones/${zoneId}/activations`);
      expect(hist.body.items.map((h: { to_version_id: string; reason: string }) => [h.to_version_id, h.reason])).toEqual([
        [v1, 'rollback'],
        [v2, 'slim'],
        [v1, 'launch'],
      ]);
      expect(hist.body.items[0]).toMatchObject({ from_version_id: v2, actor: 'admin (CARACAL_ADMIN_TOKEN)' });
      const sets = await t.api('GET', base());
      expect(sets.body.items[0]).toMatchObject({ active_version_id: v1, active_version: { id: v1, version: 1 }, version_count: 2 });
      expect(await t.count('active_pointers', 'zone_id = ?', [zoneId])).toBe(1);
      expect(sets.body.items[0].last_activated_at).toBe(hist.body.items[0].occurred_at);
    });
    it('a set another set replaced says when it was last active instead of looking never activated', async () => {
      const { zone, set: first } = await seedZone(t);
      const z = `/v1/zones/${zone.id}`;
      const pv = (await t.api('POST', `${z}/policies`, { body: { name: 'other', content: policyText('other') } })).body.version_id;
      const second = (await t.api('POST', `${z}/policy-sets`, { body: { name: 'second' } })).body;
      const sv = (await t.api('POST', `${z}/policy-sets/${second.id}/versions`, { body: { manifest: [{ policy_version_id: pv }] } })).body;
      const firstBefore = (await t.api('GET', `${z}/policy-sets/${first.id}`)).body;
      expect(firstBefore.last_activated_at).toEqual(expect.any(String));
      expect((await t.api('POST', `${z}/policy-sets/${second.id}/activate`, { body: { version_id: sv.id } })).status).toBe(202);
      const firstAfter = (await t.api('GET', `${z}/policy-sets/${first.id}`)).body;
      expect(firstAfter).toMatchObject({ active_version: null, active_version_id: null, last_activated_at: firstBefore.last_activated_at });
      const secondAfter = (await t.api('GET', `${z}/policy-sets/${second.id}`)).body;
      expect(secondAfter.active_version).toMatchObject({ id: sv.id });
      expect(secondAfter.last_activated_at).toBe(secondAfter.active_version.activated_at);
    });
    it('404 for unknown versions and sets', async () => {
      expect((await t.api('POST', `${base()}/${setId}/activate`, { body: { version_id: 'nope' } })).status).toBe(404);
      expect((await t.api('POST', `${base()}/nope/activate`, { body: { version_id: 'nope' } })).body.error).toBe('policy_set_not_found');
      expect((await t.api('GET', `${base()}/${setId}/activation-status?version_id=nope`)).status).toBe(404);
    });
    it('20 parallel activations with the same expectation: exactly one 202, one pointer', async () => {
      const { zone, set, v1 } = await seedZone(t);
      const newVersion = async (name: string) =>
        (await t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: (await t.api('POST', `/v1/zones/${zone.id}/policies`, { body: { name, content: policyText(name) } })).body.version_id }] } })).body.id;
      // Two different targets, neither of them the active v1 (re-activating v1 would not move the pointer).
      const v2 = await newVersion('p2');
      const v3 = await newVersion('p3');
      const before = await t.count('activations', 'zone_id = ?', [zone.id]);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/activate`, { body: { version_id: i % 2 ? v3 : v2, expected_active_version_id: v1.id, reason: `race ${i}` } }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 202), JSON.stringify(results.map((r) => r.body))).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error === 'active_version_changed')).toBe(true);
      expect(await t.count('active_pointers', 'zone_id = ?', [zone.id])).toBe(1);
      expect(await t.count('activations', 'zone_id = ?', [zone.id])).toBe(before + 1);
      const winner = results.find((r) => r.status === 202)!;
      const z = await t.api('GET', `/v1/zones/${zone.id}`);
      expect(z.body.active.policy_set_version_id).toBe(winner.body.version_id);
    });
  });

  describe('activation requests', () => {
    it('zone requiring approval: direct activation 409, request, self-approval 403, approval by another reviewer activates', async () => {
      const { zone, set, v1 } = await seedZone(t);
      const pv = (await t.api('POST', `/v1/zones/${zone.id}/policies`, { body: { name: 'to-approve', content: policyText('ta') } })).body.version_id;
      const v2 = (await t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: pv }] } })).body.id;
      const patched = await t.api('PATCH', `/v1/zones/${zone.id}`, { body: { settings: { require_activation_approval: true } } });
      expect(patched.body.settings.require_activation_approval).toBe(true);
      const direct = await t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/activate`, { body: { version_id: v2 } });
      expect(direct.status).toBe(409);
      expect(direct.body.error).toBe('approval_required');

      const author = await t.token('author');
      const reviewer = await t.token('reviewer');
      const req = await t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/activation-requests`, { token: author, body: { version_id: v2, reason: 'please' } });
      expect(req.status).toBe(201);
      expect(req.body).toMatchObject({ status: 'pending', version_id: v2, reason: 'please' });
      const byAuthor = await t.api('POST', `/v1/zones/${zone.id}/activation-requests/${req.body.id}/approve`, { token: author, body: {} });
      expect(byAuthor.status).toBe(403);

      const selfReq = await t.api('POST', `/v1/zones/${zone.id}/policy-sets/${set.id}/activation-requests`, { token: reviewer, body: { version_id: v2, reason: 'mine' } });
      const self = await t.api('POST', `/v1/zones/${zone.id}/activation-requests/${selfReq.body.id}/approve`, { token: reviewer, body: {} });
      expect(self.status).toBe(403);
      expect(self.body.error_description).toMatch(/own/);

      const ok = await t.api('POST', `/v1/zones/${zone.id}/activation-requests/${req.body.id}/approve`, { token: reviewer, body: { comment: 'lgtm' } });
      expect(ok.status).toBe(200);
      expect(ok.body.request).toMatchObject({ status: 'approved', comment: 'lgtm', activation_id: ok.body.activation_id });
      expect(ok.body.previous_version_id).toBe(v1.id);
      expect((await t.api('GET', `/v1/zones/${zone.id}`)).body.active.policy_set_version_id).toBe(v2);
      const hist = await t.api('GET', `/v1/zones/${zone.id}/activations`);
      expect(hist.body.items[0]).toMatchObject({ to_version_id: v2, approved_by: expect.stringMatching(/^reviewer-/) });

      const again = await t.api('POST', `/v1/zones/${zone.id}/activation-requests/${req.body.id}/approve`, { token: await t.token('reviewer'), body: {} });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('activation_request_not_pending');

      const rej = await t.api('POST', `/v1/zones/${zone.id}/activation-requests/${selfReq.body.id}/reject`, { body: { comment: 'no' } });
      expect(rej.status).toBe(200);
      expect(rej.body).toMatchObject({ status: 'rejected', comment: 'no' });
      const noComment = await t.api('POST', `/v1/zones/${zone.id}/activation-requests/${selfReq.body.id}/reject`, { body: {} });
      expect(noComment.status).toBe(400);
      const list = await t.api('GET', `/v1/zones/${zone.id}/activation-requests?status=pending`);
      expect(list.body.items).toEqual([]);
      const all = await t.api('GET', `/v1/zones/${zone.id}/activation-requests`);
      expect(all.body.items).toHaveLength(2);
      expect((await t.api('POST', `/v1/zones/${zone.id}/activation-requests/nope/approve`, { body: {} })).body.error).toBe('activation_request_not_found');
    });
  });

  describe('POST .../versions/:versionId/impact', () => {
    it('returns evaluated: 0 until the STS records inputs', async () => {
      const vid = (await t.api('GET', `${base()}/${setId}/versions`)).body.items[0].id;
      const r = await t.api('POST', `${base()}/${setId}/versions/${vid}/impact`, { body: { limit: 100 } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ evaluated: 0, unchanged: 0, changed: { allow_to_deny: 0, deny_to_allow: 0 }, examples: [] });
      expect(r.body.baseline_version_id).toEqual(expect.any(String));
      expect((await t.api('POST', `${base()}/${setId}/versions/nope/impact`, { body: {} })).status).toBe(404);
    });
  });

  describe('GET /v1/zones/:zoneId/admin-audit', () => {
    it('has one row per mutation with actor and action', async () => {
      const r = await t.api('GET', `/v1/zones/${zoneId}/admin-audit?limit=500`);
      expect(r.status).toBe(200);
      const actions = r.body.items.map((i: { action: string }) => i.action);
      expect(actions).toContain('policy_set.activate');
      expect(actions).toContain('policy_set.version.create');
      expect(actions).toContain('policy.create');
      expect(r.body.items.every((i: { actor: string; status: string }) => i.actor && i.status === 'succeeded')).toBe(true);
      const activations = await t.count('activations', 'zone_id = ?', [zoneId]);
      expect(actions.filter((a: string) => a === 'policy_set.activate')).toHaveLength(activations);
    });
  });
});
