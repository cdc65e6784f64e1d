// Audit API over HTTP: filters and keyset pages, CSV/NDJSON export of every row, live SSE,
// chain verification catching rows altered or deleted directly in the database, and roles.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { startServer, type RunningServer } from '../main.ts';
import { ADMIN_TOKEN, dialects, PG_URL, policyText, seedZone, TestServer } from './support/server.ts';
import { clientCredentials, createApp, tokenRequest, type TestApp } from './support/sts.ts';

describe.each(dialects)('audit API (%s)', (dialect) => {
  let t: TestServer;
  let zone: { id: string; slug: string };
  let payments: TestApp;
  let support: TestApp;
  let z: string;

  beforeAll(async () => {
    t = await TestServer.start(dialect);
    zone = (await t.api('POST', '/v1/zones', { body: { name: 'Audit' } })).body;
    z = `/v1/zones/${zone.id}`;
    const grant = (await t.api('POST', `${z}/policies`, { body: { name: 'grant', content: policyText('grant', 'allow if "team:payments" in input.principal.labels') } })).body;
    const deny = (await t.api('POST', `${z}/policies`, { body: { name: 'deny-support', content: policyText('deny', 'deny contains "support_blocked" if "team:support" in input.principal.labels') } })).body;
    const set = (await t.api('POST', `${z}/policy-sets`, { body: { name: 'main' } })).body;
    const v = (await t.api('POST', `${z}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: grant.version_id }, { policy_version_id: deny.version_id }] } })).body;
    await t.api('POST', `${z}/policy-sets/${set.id}/activate`, { body: { version_id: v.id } });
    payments = await createApp(t, zone.id, 'payments', ['team:payments']);
    support = await createApp(t, zone.id, 'support', ['team:support']);
    for (let i = 0; i < 5; i++) {
      await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app: payments });
      await tokenRequest(t, clientCredentials('resource://support-tools', 'tickets:read'), { app: support });
    }
  });
  afterAll(() => t?.close());

  it('filters by decision, application, resource and determining policy, newest first, in keyset pages', async () => {
    const denies = (await t.api('GET', `${z}/audit?decision=deny`)).body.items;
    expect(denies).toHaveLength(5);
    expect(denies.every((e: any) => e.metadata_json.application_id === support.id)).toBe(true);
    expect(denies[0].determining_policies_json).toEqual([expect.objectContaining({ policy: 'deny-support', rule: 'deny' })]);
    expect(denies[0].diagnostics_json).toEqual([expect.objectContaining({ reason: 'support_blocked' })]);
    expect((await t.api('GET', `${z}/audit?application_id=${payments.id}`)).body.items).toHaveLength(5);
    expect((await t.api('GET', `${z}/audit?resource=${encodeURIComponent('resource://support-tools')}`)).body.items).toHaveLength(5);
    expect((await t.api('GET', `${z}/audit?policy=grant`)).body.items.map((e: any) => e.decision)).toEqual(Array(5).fill('allow'));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await t.api('GET', `${z}/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
      seen.push(...page.items.map((e: any) => e.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    const times = (await t.api('GET', `${z}/audit`)).body.items.map((e: any) => e.occurred_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses bad queries with 400 and unknown requests with 404', async () => {
    expect((await t.api('GET', `${z}/audit?limit=1001`)).body.error).toBe('invalid_query');
    expect((await t.api('GET', `${z}/audit?decision=maybe`)).body.error).toBe('invalid_query');
    expect((await t.api('GET', `${z}/audit?since=yesterday`)).body.error).toBe('invalid_query');
    const badCursor = await t.api('GET', `${z}/audit?cursor=garbage`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error).toBe('invalid_query');
    const missing = await t.api('GET', `${z}/audit/by-request/nope/explain`);
    expect(missing.status).toBe(404);
    expect((await t.api('GET', `${z}/audit/by-request/nope`)).body).toEqual([]);
  });

  it('exports every matching row as CSV and NDJSON', async () => {
    const csv = await fetch(`${t.url}${z}/audit?format=csv&decision=allow`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="audit-/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,zone_id,event_type,request_id,decision,policy_set_id,policy_set_version_id,manifest_sha,evaluation_status,determining_policies_json,diagnostics_json,metadata_json,occurred_at,ingested_at');
    expect(lines).toHaveLength(6);
    const nd = await fetch(`${t.url}${z}/audit?format=ndjson`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const rows = (await nd.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ zone_id: zone.id, event_type: 'token_exchange', metadata_json: expect.any(Object) });
  });

  it('streams new decisions as server-sent events', async () => {
    const ac = new AbortController();
    const res = await fetch(`${t.url}${z}/audit/stream`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    await reader.read(); // the "connected" comment
    const r = await tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app: payments });
    let text = '';
    while (!text.includes('\n\n') || !text.includes('event: decision')) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]);
    expect(data).toMatchObject({ request_id: r.headers.get('x-request-id'), decision: 'allow', zone_id: zone.id });
  });

  it('verifies the chain and names a row altered or deleted directly in the database', async () => {
    expect((await t.api('GET', `${z}/audit/verify`)).body).toMatchObject({ ok: true });
    const target = (await t.api('GET', `${z}/audit?limit=3`)).body.items[2];
    if (dialect === 'sqlite') {
      await t.db.exec('DROP TRIGGER audit_events_append_only_u');
    } else {
      await t.db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    }
    await t.db.run("UPDATE audit_events SET decision = CASE decision WHEN 'allow' THEN 'deny' ELSE 'allow' END WHERE id = ?", [target.id]);
    const v = (await t.api('GET', `${z}/audit/verify`)).body;
    expect(v).toMatchObject({ ok: false, first_bad_event_id: target.id });
    expect(v.reason).toMatch(/altered/);
  });

  it('lets an auditor read and export but not register applications', async () => {
    const auditor = await t.token('auditor');
    expect((await t.api('GET', `${z}/audit`, { token: auditor })).status).toBe(200);
    expect((await t.api('GET', `${z}/audit/verify`, { token: auditor })).status).toBe(200);
    const refused = await t.api('POST', `${z}/applications`, { token: auditor, body: { name: 'sneaky' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('forbidden');
    expect((await t.api('GET', `${z}/audit`, { token: null })).status).toBe(401);
  });
});

describe.each(dialects)('applications (%s)', (dialect) => {
  let t: TestServer;
  let z: string;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
    z = `/v1/zones/${(await t.api('POST', '/v1/zones', { body: { name: 'Apps' } })).body.id}`;
  });
  afterAll(() => t?.close());

  it('registers with a secret shown once and stored only hashed', async () => {
    const r = await t.api('POST', `${z}/applications`, { body: { name: 'ledger', labels: ['team:payments'] } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'ledger', labels: ['team:payments'], status: 'active', client_id: expect.stringMatching(/^app_/), client_secret: expect.stringMatching(/^cs_/) });
    const row = await t.db.get<{ secret_hash: string }>('SELECT secret_hash FROM applications WHERE id = ?', [r.body.id]);
    expect(row!.secret_hash).not.toContain(r.body.client_secret);
    const got = (await t.api('GET', `${z}/applications/${r.body.id}`)).body;
    expect(got.client_secret).toBeUndefined();
    expect((await t.api('GET', `${z}/applications`)).body.items.map((a: any) => a.id)).toEqual([r.body.id]);
    expect(await t.count('admin_audit', "action = 'application.create'")).toBe(1);
  });

  it('changes labels, disables, and refuses bad input, unknown ids and taken names', async () => {
    const a = (await t.api('POST', `${z}/applications`, { body: { name: 'helpdesk' } })).body;
    const patched = await t.api('PATCH', `${z}/applications/${a.id}`, { body: { labels: ['team:support', 'hours:business'] } });
    expect(patched.status).toBe(200);
    expect(patched.body.labels).toEqual(['team:support', 'hours:business']);
    expect((await t.api('POST', `${z}/applications`, { body: { name: 'helpdesk' } })).status).toBe(409);
    const bad = await t.api('POST', `${z}/applications`, { body: { name: 'x', labels: ['has space'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_body');
    expect((await t.api('PATCH', `${z}/applications/nope`, { body: { labels: [] } })).status).toBe(404);
    expect((await t.api('DELETE', `${z}/applications/${a.id}`)).status).toBe(204);
    expect((await t.api('GET', `${z}/applications/${a.id}`)).body.status).toBe('disabled');
    expect(await t.count('applications', 'id = ?', [a.id])).toBe(1);
  });
});

describe.skipIf(!PG_URL)('live stream across replicas (postgres)', () => {
  let a: TestServer;
  let b: RunningServer;
  beforeAll(async () => {
    a = await TestServer.start('postgres');
    const schema = /\(schema (\w+)\)/.exec(a.db.where)![1];
    b = await startServer(loadConfig({ port: '0', dataDir: a.dataDir + '-replica', demo: false }, {
      CARACAL_ADMIN_TOKEN: ADMIN_TOKEN, CARACAL_LOG_LEVEL: 'silent', DATABASE_URL: PG_URL, CARACAL_PG_SCHEMA: schema, CARACAL_PG_POOL_MAX: '4',
    }));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    rmSync(a.dataDir + '-replica', { recursive: true, force: true });
  });

  it('shows a decision made on one replica to a subscriber of the other', async () => {
    const { zone } = await seedZone(a);
    const app = await createApp(a, zone.id, 'ledger', ['x']);
    const ac = new AbortController();
    const res = await fetch(`${b.url}/v1/zones/${zone.id}/audit/stream`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: ac.signal });
    const reader = res.body!.getReader();
    await reader.read();
    const r = await tokenRequest(a, clientCredentials('resource://payments/ledger', 'payments:read'), { app });
    let text = '';
    while (!text.includes('event: decision') || !text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(JSON.parse(/data: (.*)\n/.exec(text)![1])).toMatchObject({ request_id: r.headers.get('x-request-id'), zone_id: zone.id });
  });
});
