// Bad input gets a 4xx with a plain sentence, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, policyText, TestServer } from './support/server.ts';

describe.each(dialects)('bad input (%s)', (dialect) => {
  let t: TestServer;
  let zoneId: string;
  const tables = ['zones', 'policies', 'policy_versions', 'policy_sets', 'policy_set_versions', 'activations', 'admin_tokens'];
  let before: Record<string, number>;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
    zoneId = (await t.api('POST', '/v1/zones', { body: { name: 'Bad', slug: 'bad' } })).body.id;
    before = {};
    for (const tb of tables) before[tb] = await t.count(tb);
  });
  afterAll(async () => {
    // Nothing any of these requests sent was stored.
    for (const tb of tables) expect(await t.count(tb), tb).toBe(before[tb]);
    await t?.close();
  });

  const expectSentence = (r: { status: number; body: any }, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error).toBe(code);
    expect(r.body.error_description).toMatch(/^[A-Z].*[.)]$/s);
    expect(r.body.request_id).toEqual(expect.any(String));
  };

  it('malformed JSON → 400 invalid_json', async () => {
    for (const raw of ['{"name": ', '{name: "x"}', "{'a':1}", '', '{"__proto__": {"x": 1}}']) {
      const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { raw });
      expect(r.status, raw).toBe(400);
      expect(['invalid_json', 'invalid_body'], raw).toContain(r.body.error);
    }
    expectSentence(await t.api('POST', `/v1/zones/${zoneId}/policies`, { raw: '{"name": ' }), 400, 'invalid_json');
  });

  it('wrong types, missing and unknown fields → 400 invalid_body with issues', async () => {
    const cases: unknown[] = [
      { name: 42, content: policyText('x') },
      { name: 'x' },
      { name: 'x', content: policyText('x'), owner: 'me' },
      [],
      'a string',
      null,
      { name: ['x'], content: { a: 1 } },
    ];
    for (const body of cases) {
      const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { raw: JSON.stringify(body) });
      expectSentence(r, 400, 'invalid_body');
      expect(r.body.details.issues.length).toBeGreaterThan(0);
    }
    const unknown = await t.api('POST', '/v1/zones', { body: { name: 'x', color: 'red' } });
    expect(unknown.body.error_description).toMatch(/color/);
  });

  it('a 10 MB body → 413 body_too_large', async () => {
    const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { raw: JSON.stringify({ name: 'big', content: 'x'.repeat(10 * 1024 * 1024) }) });
    expectSentence(r, 413, 'body_too_large');
  });

  it('content over 262,144 characters → 400 invalid_body', async () => {
    const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { body: { name: 'long', content: 'package caracal.authz\n' + '#'.repeat(262_200) } });
    expectSentence(r, 400, 'invalid_body');
  });

  it('odd Unicode in names: control, bidi-override, zero-width, lone surrogates → 400; ordinary non-ASCII names work', async () => {
    for (const name of ['a\u0000b', 'evil\u202Etxt.exe', 'zero\u200Bwidth', 'lone\uD800', ' padded ', 'tab\tname', '\u0085next']) {
      const r = await t.api('POST', `/v1/zones/${zoneId}/policy-sets`, { raw: JSON.stringify({ name }) });
      expectSentence(r, 400, 'invalid_body');
    }
    const ok = await t.api('POST', `/v1/zones/${zoneId}/policy-sets`, { body: { name: 'Zahlungen – 支付 💳' } });
    expect(ok.status).toBe(201);
    const got = await t.api('GET', `/v1/zones/${zoneId}/policy-sets/${ok.body.id}`);
    expect(got.body.name).toBe('Zahlungen – 支付 💳');
    before.policy_sets! += 1;
    // One name however it is composed: NFD input is stored as NFC and collides with the NFC name.
    const nfc = await t.api('POST', `/v1/zones/${zoneId}/policy-sets`, { body: { name: 'caf\u00e9' } });
    expect(nfc.status).toBe(201);
    before.policy_sets! += 1;
    const nfd = await t.api('POST', `/v1/zones/${zoneId}/policy-sets`, { body: { name: 'cafe\u0301' } });
    expectSentence(nfd, 409, 'policy_set_name_conflict');
  });

  it("path ids with ../ or SQL → 400 invalid_params or 404, never 5xx", async () => {
    const ids = ["1' OR '1'='1", '1;DROP TABLE policies;--', '..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(200), '%E2%80%AE'];
    for (const id of ids) {
      const r = await t.api('GET', `/v1/zones/${zoneId}/policies/${id}`);
      expectSentence(r, 400, 'invalid_params');
      const z = await t.api('GET', `/v1/zones/${id}/policies`);
      expect(z.status, id).toBe(400);
    }
    const dots = await t.api('GET', `/v1/zones/${zoneId}/policies/../../admin-tokens`);
    expect(dots.status).toBeLessThan(500);
    expect(dots.status).not.toBe(200);
    expect((await t.api('GET', `/v1/zones/${zoneId}/policies/..`)).status).toBeGreaterThanOrEqual(400);
  });

  it('an empty body means no body: DELETE with a JSON content type works, a required body is asked for', async () => {
    const del = await t.api('DELETE', '/v1/admin-tokens/nope', { raw: '', headers: { 'content-type': 'application/json' } });
    expectSentence(del, 404, 'admin_token_not_found');
    const missing = await t.api('POST', `/v1/zones/${zoneId}/policy-sets`, { raw: '', headers: { 'content-type': 'application/json' } });
    expectSentence(missing, 400, 'invalid_body');
    expect(missing.body.error_description).toBe('The request needs a JSON object body.');
  });

  it('wrong content type → 415; unknown route → 404 not_found', async () => {
    const r = await t.api('POST', `/v1/zones/${zoneId}/policies`, { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectSentence(r, 415, 'unsupported_media_type');
    expectSentence(await t.api('GET', '/v1/nothing-here'), 404, 'not_found');
  });
});
