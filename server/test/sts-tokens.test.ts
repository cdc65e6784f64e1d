// POST /oauth/2/token: tokens verify against the published JWKS; token exchange accepts only our
// own unexpired ES256 tokens and only narrows scopes; bad requests get the OAuth error, nothing is
// issued, and every refusal is audited once the client (and so the zone) is known.
import { SignJWT, UnsecuredJWT, createLocalJWKSet, decodeJwt, importJWK, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, policyText, TestServer } from './support/server.ts';
import { auditRows, clientCredentials, createApp, tokenRequest, type TestApp } from './support/sts.ts';

const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
const GRANT = policyText('grant', 'allow if "team:payments" in input.principal.labels\n\nallow if input.context.subject_claims.sub != ""');

describe.each(dialects)('STS tokens (%s)', (dialect) => {
  let t: TestServer;
  let zone: { id: string };
  let app: TestApp;
  let v1: { id: string };

  beforeAll(async () => {
    t = await TestServer.start(dialect);
    zone = (await t.api('POST', '/v1/zones', { body: { name: 'Tokens' } })).body;
    const z = `/v1/zones/${zone.id}`;
    const p = (await t.api('POST', `${z}/policies`, { body: { name: 'grant', content: GRANT } })).body;
    const set = (await t.api('POST', `${z}/policy-sets`, { body: { name: 'main' } })).body;
    v1 = (await t.api('POST', `${z}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: p.version_id }] } })).body;
    await t.api('POST', `${z}/policy-sets/${set.id}/activate`, { body: { version_id: v1.id } });
    app = await createApp(t, zone.id, 'ledger', ['team:payments']);
  });
  afterAll(() => t?.close());

  async function issue(scope = 'payments:read payments:write') {
    const r = await tokenRequest(t, clientCredentials('resource://payments/ledger', scope), { app });
    expect(r.status).toBe(200);
    return r.body.access_token as string;
  }

  const exchange = (subject: string, scope?: string) =>
    tokenRequest(t, { grant_type: EXCHANGE, subject_token: subject, subject_token_type: ACCESS, resource: 'resource://payments/ledger', ...(scope ? { scope } : {}) }, { app });

  it('issues ES256 tokens that verify against /.well-known/jwks.json with the expected claims', async () => {
    const r = await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app, inBody: true });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'payments:read' });
    const jwks = await (await fetch(`${t.url}/.well-known/jwks.json`)).json();
    expect(JSON.stringify(jwks)).not.toContain('"d"');
    const { payload, protectedHeader } = await jwtVerify(r.body.access_token, createLocalJWKSet(jwks), { algorithms: ['ES256'], issuer: t.url, audience: 'resource://payments/ledger' });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload).toMatchObject({ sub: app.client_id, scope: 'payments:read', zone: zone.id, policy_set_version: v1.id });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(900);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('exchanges a token for a narrower one and hands its claims to the policy', async () => {
    const subject = await issue();
    const r = await exchange(subject, 'payments:read');
    expect(r.status).toBe(200);
    const claims = decodeJwt(r.body.access_token);
    expect(claims).toMatchObject({ scope: 'payments:read', sub: app.client_id, act: { sub: app.client_id } });
    const [event] = (await t.api('GET', `/v1/zones/${zone.id}/audit?limit=1`)).body.items;
    expect(event.metadata_json).toMatchObject({ grant_type: EXCHANGE, scopes: ['payments:read'] });
    const input = (await t.api('GET', `/v1/zones/${zone.id}/audit/by-request/${event.request_id}`)).body[0].policy_input;
    expect(input.context.subject_claims).toMatchObject({ sub: app.client_id, scope: 'payments:read payments:write', zone: zone.id });
  });

  it('refuses scope escalation through token exchange, audited, no token', async () => {
    const subject = await issue('payments:read');
    const r = await exchange(subject, 'payments:read payments:admin');
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'invalid_scope', request_id: expect.any(String) });
    expect(r.body.error_description).toContain('"payments:admin"');
    expect(r.body.access_token).toBeUndefined();
    const rows = (await auditRows(t, zone.id)).filter((e) => e.request_id === r.body.request_id);
    expect(rows).toMatchObject([{ event_type: 'token_request_rejected', decision: 'deny', evaluation_status: 'not_evaluated' }]);
    expect(JSON.parse(rows[0].diagnostics_json)[0].reason).toBe('invalid_scope');
  });

  it('rejects expired, tampered, foreign-issuer, alg none and HS256 subject tokens', async () => {
    // A forger with our real key still cannot pass an expired or foreign-issuer token.
    const keyRow = await t.db.get<{ kid: string; private_jwk: string }>('SELECT kid, private_jwk FROM sts_signing_keys WHERE retired_at IS NULL');
    const key = await importJWK(JSON.parse(keyRow!.private_jwk) as JWK, 'ES256');
    const claims = { sub: app.client_id, scope: 'payments:read', zone: zone.id };
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...claims, iss: t.url }).setProtectedHeader({ alg: 'ES256', kid: keyRow!.kid }).setIssuedAt(now - 2000).setExpirationTime(now - 1000).sign(key);
    const foreign = await new SignJWT({ ...claims, iss: 'https://sts.example.com' }).setProtectedHeader({ alg: 'ES256', kid: keyRow!.kid }).setIssuedAt().setExpirationTime('5m').sign(key);
    const good = await issue('payments:read');
    const [h, , s] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(good), scope: 'payments:read payments:admin' })).toString('base64url')}.${s}`;
    const none = new UnsecuredJWT({ ...claims, iss: t.url }).setIssuedAt().setExpirationTime('5m').encode();
    const hs256 = await new SignJWT({ ...claims, iss: t.url }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('5m').sign(new TextEncoder().encode(keyRow!.kid.padEnd(32, 'x')));
    const cases: [string, string, RegExp][] = [
      ['expired', expired, /expired/],
      ['foreign issuer', foreign, /iss/],
      ['tampered', tampered, /signature/],
      ['alg none', none, /ES256|well-formed/],
      ['HS256', hs256, /ES256/],
      ['junk', 'not-a-jwt', /well-formed/],
    ];
    for (const [label, token, why] of cases) {
      const r = await exchange(token, 'payments:read');
      expect(r.status, label).toBe(400);
      expect(r.body.error, label).toBe('invalid_request');
      expect(r.body.error_description, label).toMatch(why);
      expect(r.body.access_token, label).toBeUndefined();
    }
  });

  it('answers bad input with the OAuth error and issues nothing', async () => {
    const wrongSecret = { client_id: app.client_id, client_secret: 'cs_wrong' };
    const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
      ['missing grant type', () => tokenRequest(t, { resource: 'resource://payments/ledger' }, { app }), 400, 'invalid_request'],
      ['unknown grant type', () => tokenRequest(t, { grant_type: 'password' }, { app }), 400, 'unsupported_grant_type'],
      ['no client', () => tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read')), 401, 'invalid_client'],
      ['unknown client', () => tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app: { client_id: 'app_nobody', client_secret: 'cs_x' } }), 401, 'invalid_client'],
      ['wrong secret', () => tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app: wrongSecret }), 401, 'invalid_client'],
      ['huge scope list', () => tokenRequest(t, clientCredentials('resource://payments/ledger', Array.from({ length: 500 }, (_, i) => `s${i}`).join(' ')), { app }), 400, 'invalid_scope'],
      ['bad scope token', () => tokenRequest(t, clientCredentials('resource://payments/ledger', 'read "all"'), { app }), 400, 'invalid_scope'],
      ['junk resource', () => tokenRequest(t, clientCredentials('javascript:alert(1)', 'payments:read'), { app }), 400, 'invalid_target'],
      ['missing resource', () => tokenRequest(t, { grant_type: 'client_credentials', scope: 'payments:read' }, { app }), 400, 'invalid_request'],
      ['repeated parameter', () => tokenRequest(t, {}, { app, raw: 'grant_type=client_credentials&resource=resource://a&resource=resource://b' }), 400, 'invalid_request'],
      ['JSON body', () => tokenRequest(t, {}, { app, headers: { 'content-type': 'application/json' }, raw: '{"grant_type":"client_credentials"}' }), 400, 'invalid_request'],
      ['body over 64 KiB', () => tokenRequest(t, { ...clientCredentials('resource://payments/ledger', 'payments:read'), pad: 'x'.repeat(70_000) }, { app }), 400, 'invalid_request'],
      ['exchange without subject', () => tokenRequest(t, { grant_type: EXCHANGE, resource: 'resource://payments/ledger' }, { app }), 400, 'invalid_request'],
    ];
    for (const [label, call, status, error] of cases) {
      const r = await call();
      expect(r.status, label).toBe(status);
      expect(r.body, label).toMatchObject({ error, error_description: expect.stringMatching(/\w+ \w+/), request_id: expect.any(String) });
      expect(r.body.access_token, label).toBeUndefined();
    }
    // Refusals with a known client are audited in its zone (wrong secret, scopes, resource…).
    const rejected = (await auditRows(t, zone.id)).filter((e) => e.event_type === 'token_request_rejected');
    const reasons = rejected.map((e) => JSON.parse(e.diagnostics_json)[0].reason);
    expect(reasons).toEqual(expect.arrayContaining(['invalid_client', 'invalid_scope', 'invalid_target', 'invalid_request', 'unsupported_grant_type']));
  });

  it('accepts a form content type with a charset parameter', async () => {
    const r = await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });
    expect(r.status).toBe(200);
  });

  it('refuses a disabled application at once', async () => {
    const other = await createApp(t, zone.id, 'short-lived', ['team:payments']);
    expect((await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app: other })).status).toBe(200);
    expect((await t.api('DELETE', `/v1/zones/${zone.id}/applications/${other.id}`)).status).toBe(204);
    const r = await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app: other });
    expect(r.status).toBe(401);
    expect(r.body.error_description).toContain('disabled');
  });
});
