// Zones, tokens, sessions, the role matrix and zone scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, policyText, seedZone, TestServer } from './support/server.ts';

type Role = 'admin' | 'author' | 'reviewer' | 'auditor';

describe.each(dialects)('auth, zones and tokens (%s)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
  });
  afterAll(() => t?.close());

  describe('zones', () => {
    it('POST creates with a derived slug; GET and PATCH settings; duplicates 409', async () => {
      const r = await t.api('POST', '/v1/zones', { body: { name: 'Payments EU' } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ name: 'Payments EU', slug: 'payments-eu', settings: { require_activation_approval: false }, active: null });
      const bySlug = await t.api('GET', '/v1/zones/payments-eu');
      expect(bySlug.body.id).toBe(r.body.id);
      const again = await t.api('POST', '/v1/zones', { body: { name: 'Payments EU' } });
      expect(again.body.slug).toBe('payments-eu-2');
      const dup = await t.api('POST', '/v1/zones', { body: { name: 'x', slug: 'payments-eu' } });
      expect(dup.status).toBe(409);
      expect(dup.body.error).toBe('zone_slug_conflict');
      const p = await t.api('PATCH', `/v1/zones/${r.body.id}`, { body: { name: 'Payments (EU)', settings: { require_activation_approval: true } } });
      expect(p.status).toBe(200);
      expect(p.body).toMatchObject({ name: 'Payments (EU)', settings: { require_activation_approval: true } });
      expect((await t.api('GET', '/v1/zones/nope')).body.error).toBe('zone_not_found');
      expect((await t.api('PATCH', `/v1/zones/${r.body.id}`, { body: { settings: { nope: true } } })).status).toBe(400);
    });
  });

  describe('admin tokens', () => {
    it('creates (shown once, stored hashed), lists, and revokes at once', async () => {
      const r = await t.api('POST', '/v1/admin-tokens', { body: { name: 'ci', role: 'auditor' } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ name: 'ci', role: 'auditor', zone_id: null, revoked_at: null });
      const token = r.body.token as string;
      const stored = await t.db.get<{ token_hash: string }>('SELECT token_hash FROM admin_tokens WHERE id = ?', [r.body.id]);
      expect(stored!.token_hash).not.toContain(token);
      expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      const list = await t.api('GET', '/v1/admin-tokens');
      expect(list.body.items.find((i: { id: string }) => i.id === r.body.id)).not.toHaveProperty('token');
      expect((await t.api('GET', '/v1/zones', { token })).status).toBe(200);
      expect((await t.api('DELETE', `/v1/admin-tokens/${r.body.id}`)).status).toBe(204);
      const after = await t.api('GET', '/v1/zones', { token });
      expect(after.status).toBe(401);
      expect(after.body.error).toBe('invalid_admin_token');
      expect((await t.api('DELETE', '/v1/admin-tokens/nope')).body.error).toBe('admin_token_not_found');
      expect((await t.api('POST', '/v1/admin-tokens', { body: { name: 'x', role: 'root' } })).status).toBe(400);
      expect((await t.api('POST', '/v1/admin-tokens', { body: { name: 'x', role: 'author', zone_id: 'nope' } })).status).toBe(404);
    });
    it('401 for a missing, malformed or unknown token', async () => {
      for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
        const r = await t.api('GET', '/v1/zones', { token: null, headers });
        expect(r.status).toBe(401);
        expect(r.body).toMatchObject({ error: 'invalid_admin_token', error_description: expect.any(String), request_id: expect.any(String) });
      }
    });
  });

  describe('sessions', () => {
    it('signs in with a one-time code, needs the CSRF header on mutations, signs out', async () => {
      const code = await t.server.services.auth.loginCode((await t.db.get<{ id: string }>("SELECT id FROM admin_tokens WHERE role = 'admin' LIMIT 1"))!.id);
      const r = await fetch(`${t.url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
      expect(r.status).toBe(200);
      const body = await r.json();
      expect(body).toMatchObject({ role: 'admin', zone_id: null, expires_at: expect.any(String) });
      const setCookie = r.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/caracal_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const cookie = setCookie.split(';')[0]!;
      const reuse = await t.api('POST', '/v1/session', { token: null, body: { code } });
      expect(reuse.status).toBe(401);
      expect(reuse.body.error).toBe('invalid_login');

      const me = await t.api('GET', '/v1/session', { token: null, headers: { cookie } });
      expect(me.body).toMatchObject({ role: 'admin', token_id: body.token_id });
      const noCsrf = await t.api('POST', '/v1/zones', { token: null, headers: { cookie }, body: { name: 'csrf' } });
      expect(noCsrf.status).toBe(403);
      expect(noCsrf.body.error).toBe('csrf_header_missing');
      expect(await t.count('zones', 'name = ?', ['csrf'])).toBe(0);
      const withCsrf = await t.api('POST', '/v1/zones', { token: null, headers: { cookie, 'x-caracal-csrf': '1' }, body: { name: 'csrf' } });
      expect(withCsrf.status).toBe(201);

      const out = await t.api('DELETE', '/v1/session', { token: null, headers: { cookie, 'x-caracal-csrf': '1' } });
      expect(out.status).toBe(204);
      expect((await t.api('GET', '/v1/session', { token: null, headers: { cookie } })).status).toBe(401);
    });
    it('signs in with a pasted token; bad ones get 401 invalid_login; bearer GET /v1/session works', async () => {
      const token = await t.token('reviewer');
      const ok = await t.api('POST', '/v1/session', { token: null, body: { token } });
      expect(ok.status).toBe(200);
      expect(ok.body.role).toBe('reviewer');
      const bad = await t.api('POST', '/v1/session', { token: null, body: { token: 'nope' } });
      expect(bad.status).toBe(401);
      expect(bad.body.error).toBe('invalid_login');
      const who = await t.api('GET', '/v1/session', { token });
      expect(who.body).toMatchObject({ role: 'reviewer', expires_at: null });
    });
  });

  describe('role matrix: each role against each mutation', () => {
    let zone: Awaited<ReturnType<typeof seedZone>>;
    const tokens = {} as Record<Role, string>;
    beforeAll(async () => {
      zone = await seedZone(t);
      for (const role of ['admin', 'author', 'reviewer', 'auditor'] as Role[]) tokens[role] = await t.token(role);
    });

    const mutations: { name: string; allowed: Role[]; call: () => [string, string, unknown?] }[] = [
      { name: 'create zone', allowed: ['admin'], call: () => ['POST', '/v1/zones', { name: `rm-${Math.random()}` }] },
      { name: 'update zone', allowed: ['admin'], call: () => ['PATCH', `/v1/zones/${zone.zone.id}`, { name: 'renamed' }] },
      { name: 'create token', allowed: ['admin'], call: () => ['POST', '/v1/admin-tokens', { name: 'rm', role: 'auditor' }] },
      { name: 'create policy', allowed: ['admin', 'author'], call: () => ['POST', `/v1/zones/${zone.zone.id}/policies`, { name: `p-${Math.random()}`, content: policyText('rm') }] },
      { name: 'new policy version', allowed: ['admin', 'author'], call: () => ['POST', `/v1/zones/${zone.zone.id}/policies/${zone.policy.id}/versions`, { content: policyText('rm2') }] },
      { name: 'create policy set', allowed: ['admin', 'author'], call: () => ['POST', `/v1/zones/${zone.zone.id}/policy-sets`, { name: `s-${Math.random()}` }] },
      { name: 'new set version', allowed: ['admin', 'author'], call: () => ['POST', `/v1/zones/${zone.zone.id}/policy-sets/${zone.set.id}/versions`, { manifest: [{ policy_version_id: zone.policy.version_id }] }] },
      { name: 'activate', allowed: ['admin', 'author', 'reviewer'], call: () => ['POST', `/v1/zones/${zone.zone.id}/policy-sets/${zone.set.id}/activate`, { version_id: zone.v1.id }] },
      { name: 'request activation', allowed: ['admin', 'author', 'reviewer'], call: () => ['POST', `/v1/zones/${zone.zone.id}/policy-sets/${zone.set.id}/activation-requests`, { version_id: zone.v1.id, reason: 'r' }] },
      { name: 'simulate', allowed: ['admin', 'author', 'reviewer', 'auditor'], call: () => ['POST', `/v1/zones/${zone.zone.id}/policy-sets/${zone.set.id}/simulate`, { version_id: zone.v1.id }] },
    ];

    for (const m of mutations) {
      for (const role of ['admin', 'author', 'reviewer', 'auditor'] as Role[]) {
        const allowed = m.allowed.includes(role);
        it(`${m.name} as ${role} → ${allowed ? 'allowed' : '403'}`, async () => {
          const [method, path, body] = m.call();
          const r = await t.api(method, path, { token: tokens[role], body });
          if (allowed) expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
          else {
            expect(r.status).toBe(403);
            expect(r.body.error).toBe('forbidden');
            expect(r.body.error_description).toMatch(/needs the .* role/);
          }
        });
      }
    }

    it('denied attempts are in the admin audit', async () => {
      expect(await t.count('admin_audit', "status = 'denied'")).toBeGreaterThan(0);
    });

    it('approve/reject need reviewer or admin', async () => {
      const req = await t.api('POST', `/v1/zones/${zone.zone.id}/policy-sets/${zone.set.id}/activation-requests`, { token: tokens.author, body: { version_id: zone.v1.id, reason: 'x' } });
      for (const role of ['author', 'auditor'] as Role[]) {
        expect((await t.api('POST', `/v1/zones/${zone.zone.id}/activation-requests/${req.body.id}/reject`, { token: tokens[role], body: { comment: 'no' } })).status).toBe(403);
      }
      expect((await t.api('POST', `/v1/zones/${zone.zone.id}/activation-requests/${req.body.id}/reject`, { token: tokens.reviewer, body: { comment: 'no' } })).status).toBe(200);
    });
  });

  describe('zone-scoped tokens', () => {
    it('work inside their zone and get 403 outside it', async () => {
      const mine = await seedZone(t);
      const other = await seedZone(t);
      const scoped = await t.token('author', mine.zone.id);
      expect((await t.api('GET', `/v1/zones/${mine.zone.id}/policies`, { token: scoped })).status).toBe(200);
      expect((await t.api('GET', `/v1/zones/${mine.zone.slug}/policies`, { token: scoped })).status).toBe(200);
      const out = await t.api('GET', `/v1/zones/${other.zone.id}/policies`, { token: scoped });
      expect(out.status).toBe(403);
      expect(out.body.error).toBe('forbidden');
      const write = await t.api('POST', `/v1/zones/${other.zone.id}/policies`, { token: scoped, body: { name: 'sneak', content: policyText('s') } });
      expect(write.status).toBe(403);
      expect(await t.count('policies', 'name = ?', ['sneak'])).toBe(0);
      expect((await t.api('GET', '/v1/zones/does-not-exist/policies', { token: scoped })).status).toBe(403);
      const zones = await t.api('GET', '/v1/zones', { token: scoped });
      expect(zones.body.items.map((z: { id: string }) => z.id)).toEqual([mine.zone.id]);
      const scopedAdmin = await t.token('admin', mine.zone.id);
      expect((await t.api('POST', '/v1/zones', { token: scopedAdmin, body: { name: 'nope' } })).status).toBe(403);
      expect((await t.api('POST', '/v1/admin-tokens', { token: scopedAdmin, body: { name: 'x', role: 'author' } })).status).toBe(403);
      expect((await t.api('POST', '/v1/admin-tokens', { token: scopedAdmin, body: { name: 'x', role: 'author', zone_id: mine.zone.id } })).status).toBe(201);
    });
  });
});
