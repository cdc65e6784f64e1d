// GET /v1/zones/:zoneId/audit/decisions/histogram: allows and denies of every matching decision per
// time bucket, computed by one SQL aggregate, with the list's filters, zone scope and roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRepo, type NewAuditEvent } from '../audit/repository.ts';
import { dialects, seedZone, TestServer } from './support/server.ts';
import { clientCredentials, createApp, tokenRequest } from './support/sts.ts';

const T0 = Date.parse('2026-11-10T00:00:00.000Z');
const MIN = 60_000;
const at = (i: number) => new Date(T0 + i * MIN).toISOString();

/**
 * Ten decisions a minute apart: i = 0, 3, 6, 9 denied by "deny-support", the rest allowed by "grant";
 * even i from app-a, odd i from app-b.
 */
function ev(zoneId: string, i: number, tag: string): NewAuditEvent {
  const deny = i % 3 === 0;
  const app = i % 2 ? 'app-b' : 'app-a';
  return {
    id: `0190${tag}${String(i).padStart(6, '0')}`,
    zone_id: zoneId,
    event_type: 'token_exchange',
    request_id: `req-${tag}-${i}`,
    decision: deny ? 'deny' : 'allow',
    evaluation_status: 'complete',
    application_id: app,
    resource: 'resource://payments/api',
    policy_set_id: 'ps',
    policy_set_version_id: 'psv',
    manifest_sha: 'a'.repeat(64),
    determining_policies: [{ policy: deny ? 'deny-support' : 'grant' }],
    diagnostics: [],
    metadata: { application_id: app, latency_ms: 1 },
    input: { n: i },
    occurred_at: at(i),
  };
}

const counts = (body: { buckets: { allow: number; deny: number }[] }) => body.buckets.map((b) => [b.allow, b.deny]);

describe.each(dialects)('audit histogram (%s)', (dialect) => {
  let t: TestServer;
  let zone: { id: string; slug: string };
  let other: { id: string };
  let h: string;
  const get = (query: string, token?: string | null) => t.api('GET', `${h}?${query}`, token === undefined ? {} : { token });

  beforeAll(async () => {
    t = await TestServer.start(dialect);
    zone = (await t.api('POST', '/v1/zones', { body: { name: 'Histogram' } })).body;
    other = (await t.api('POST', '/v1/zones', { body: { name: 'Elsewhere' } })).body;
    h = `/v1/zones/${zone.id}/audit/decisions/histogram`;
    const repo = new AuditRepo(t.db);
    await repo.appendBatch(Array.from({ length: 10 }, (_, i) => ev(zone.id, i, 'a')));
    // The same times in another zone: never counted in this one.
    await repo.appendBatch(Array.from({ length: 10 }, (_, i) => ev(other.id, i, 'b')));
  });
  afterAll(() => t?.close());

  it('counts every decision of the zone from the oldest to the newest event when no window is given', async () => {
    const r = await get('buckets=3');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      since: at(0),
      until: at(9),
      bucket_ms: 3 * MIN,
      buckets: [
        { start: at(0), allow: 2, deny: 1 },
        { start: at(3), allow: 2, deny: 1 },
        // i = 9 sits exactly on `until` and belongs to the last bucket.
        { start: at(6), allow: 2, deny: 2 },
      ],
      allow: 6,
      deny: 4,
    });
  });

  it('defaults to 32 buckets that add up to the totals', async () => {
    const r = (await get('')).body;
    expect(r.buckets).toHaveLength(32);
    expect(r.bucket_ms).toBe(Math.ceil((9 * MIN) / 32));
    expect(r.buckets.reduce((s: number, b: any) => s + b.allow + b.deny, 0)).toBe(10);
    expect(r.buckets[0]).toMatchObject({ start: at(0), deny: 1 });
    expect(r.buckets[31]).toMatchObject({ deny: 1 });
    expect([r.allow, r.deny]).toEqual([6, 4]);
  });

  it('applies the decision, application and determining-policy filters the way the list does', async () => {
    const denies = (await get('buckets=3&decision=deny')).body;
    expect(counts(denies)).toEqual([[0, 1], [0, 1], [0, 2]]);
    expect([denies.allow, denies.deny]).toEqual([0, 4]);

    // app-b decided at odd minutes 1..9: the window follows its own oldest and newest events.
    const appB = (await get('buckets=2&application_id=app-b')).body;
    expect([appB.since, appB.until, appB.bucket_ms]).toEqual([at(1), at(9), 4 * MIN]);
    expect(counts(appB)).toEqual([[1, 1], [2, 1]]);
    const listed = (await t.api('GET', `/v1/zones/${zone.id}/audit?application_id=app-b`)).body.items;
    expect(appB.allow + appB.deny).toBe(listed.length);

    const byPolicy = (await get('buckets=3&policy=deny-support')).body;
    expect([byPolicy.allow, byPolicy.deny]).toEqual([0, 4]);
    expect(counts(byPolicy)).toEqual(counts(denies));

    const combined = (await get('decision=allow&application_id=app-a&buckets=1')).body;
    expect(combined).toMatchObject({ since: at(2), until: at(8), allow: 3, deny: 0, buckets: [{ start: at(2), allow: 3, deny: 0 }] });
  });

  it('counts only the given time range, with empty buckets present', async () => {
    const range = (await get(`since=${at(2)}&until=${at(4)}&buckets=2`)).body;
    expect(range).toMatchObject({ since: at(2), until: at(4), bucket_ms: MIN, allow: 2, deny: 1 });
    expect(counts(range)).toEqual([[1, 0], [1, 1]]);

    // grant decided at 5, 7 and 8 in this window; the minute in between (6) was a denial.
    const grant = (await get(`policy=grant&since=${at(5)}&until=${at(8)}&buckets=3`)).body;
    expect(counts(grant)).toEqual([[1, 0], [0, 0], [2, 0]]);

    // An offset in the query names the same instant.
    const offset = (await get(`since=${encodeURIComponent('2026-11-10T01:02:00+01:00')}&until=${at(4)}&buckets=1`)).body;
    expect(offset).toMatchObject({ since: at(2), allow: 2, deny: 1 });

    // Only `since`: the window ends at the newest matching event.
    expect((await get(`since=${at(7)}&buckets=1`)).body).toMatchObject({ since: at(7), until: at(9), allow: 2, deny: 1 });
  });

  it('answers an empty window with zero buckets, and no window at all when nothing matches', async () => {
    const empty = (await get('since=2020-01-01T00:00:00Z&until=2020-01-01T04:00:00Z&buckets=4')).body;
    expect(empty).toEqual({
      since: '2020-01-01T00:00:00.000Z',
      until: '2020-01-01T04:00:00.000Z',
      bucket_ms: 3_600_000,
      buckets: [0, 1, 2, 3].map((i) => ({ start: `2020-01-01T0${i}:00:00.000Z`, allow: 0, deny: 0 })),
      allow: 0,
      deny: 0,
    });
    expect((await get('application_id=nobody')).body).toEqual({ since: null, until: null, bucket_ms: 0, buckets: [], allow: 0, deny: 0 });
  });

  it('refuses bad input with 400 and a sentence naming the problem', async () => {
    const cases: [string, RegExp][] = [
      ['buckets=0', /buckets.*whole number from 1 to 200/],
      ['buckets=201', /buckets.*whole number from 1 to 200/],
      ['buckets=2.5', /buckets.*whole number from 1 to 200/],
      ['buckets=many', /buckets.*whole number from 1 to 200/],
      [`since=${at(5)}&until=${at(1)}`, /until.*must not be earlier than since/],
      ['since=yesterday', /since.*RFC 3339/],
      ['until=2026-13-45T99:00:00Z', /until.*RFC 3339/],
      ['decision=maybe', /decision/],
      ['cursor=abc', /cursor/],
    ];
    for (const [query, message] of cases) {
      const r = await get(query);
      expect(r.status, query).toBe(400);
      expect(r.body.error, query).toBe('invalid_query');
      expect(r.body.error_description, query).toMatch(/^The query string is not valid/);
      expect(r.body.error_description, query).toMatch(message);
    }
  });

  it('keeps to the zone and the roles of the list', async () => {
    const auditor = await t.token('auditor');
    expect((await get('buckets=1', auditor)).body).toMatchObject({ allow: 6, deny: 4 });
    expect((await get('buckets=1', null)).status).toBe(401);
    const scoped = await t.token('auditor', other.id);
    const refused = await get('buckets=1', scoped);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('forbidden');
    const theirs = await t.api('GET', `/v1/zones/${other.id}/audit/decisions/histogram?buckets=1`, { token: scoped });
    expect(theirs.body).toMatchObject({ allow: 6, deny: 4 });
    expect((await t.api('GET', '/v1/zones/no-such-zone/audit/decisions/histogram')).status).toBe(404);
  });

  it('counts a real exchange through the STS', async () => {
    const { zone: z } = await seedZone(t);
    const app = await createApp(t, z.id, 'ledger', ['team:payments']);
    await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app });
    const r = (await t.api('GET', `/v1/zones/${z.id}/audit/decisions/histogram?buckets=5&application_id=${app.id}`)).body;
    expect(r.allow + r.deny).toBe(1);
    expect(r.buckets).toHaveLength(5);
    expect(r.since).toBe(r.until);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.api('GET', '/v1/openapi.json', { token: null })).body;
    const op = doc.paths['/v1/zones/{zoneId}/audit/decisions/histogram']?.get;
    expect(op).toBeDefined();
    expect(op.parameters.map((p: any) => p.name)).toEqual(expect.arrayContaining(['since', 'until', 'decision', 'application_id', 'policy', 'buckets']));
    expect(Object.keys(op.responses)).toContain('200');
  });
});
