// Fail closed: with no active version every exchange is denied (no_active_policy_set); with the
// engine killed, exchanges are denied (evaluation_error); both audited; once the supervisor has
// the engine back, decisions work again without restarting the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, policyText, TestServer } from './support/server.ts';
import { clientCredentials, createApp, tokenRequest, type TestApp } from './support/sts.ts';

describe.each(dialects)('STS fails closed (%s)', (dialect) => {
  let t: TestServer;
  let zone: { id: string; name: string };
  let app: TestApp;
  const call = () => tokenRequest(t, clientCredentials('resource://payments/ledger', 'payments:read'), { app });

  beforeAll(async () => {
    t = await TestServer.start(dialect);
    zone = (await t.api('POST', '/v1/zones', { body: { name: 'Closed' } })).body;
    app = await createApp(t, zone.id, 'ledger', ['team:payments']);
  });
  afterAll(() => t?.close());

  it('denies with no_active_policy_set while the zone has no active version, and audits it', async () => {
    const r = await call();
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'access_denied', error_description: `The zone "Closed" has no active policy set, so every request is denied.` });
    const [e] = (await t.api('GET', `/v1/zones/${zone.id}/audit/by-request/${r.body.request_id}`)).body;
    expect(e).toMatchObject({ decision: 'deny', evaluation_status: 'error', policy_set_version_id: null, diagnostics_json: [{ reason: 'no_active_policy_set' }] });
  });

  it('denies with evaluation_error while the engine is down, then decides again once it is back', async () => {
    const z = `/v1/zones/${zone.id}`;
    const p = (await t.api('POST', `${z}/policies`, { body: { name: 'grant', content: policyText('grant', 'allow if "team:payments" in input.principal.labels') } })).body;
    const set = (await t.api('POST', `${z}/policy-sets`, { body: { name: 'main' } })).body;
    const v1 = (await t.api('POST', `${z}/policy-sets/${set.id}/versions`, { body: { manifest: [{ policy_version_id: p.version_id }] } })).body;
    await t.api('POST', `${z}/policy-sets/${set.id}/activate`, { body: { version_id: v1.id } });
    expect((await call()).status).toBe(200);

    const engine = t.server.services.deps.engine;
    const pid = engine.info().pid!;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    const down = await call();
    expect(down.status).toBe(403);
    expect(down.body.error).toBe('access_denied');
    expect(down.body.error_description).toMatch(/could not be evaluated/);
    const [e] = (await t.api('GET', `${z}/audit/by-request/${down.body.request_id}`)).body;
    expect(e).toMatchObject({ decision: 'deny', evaluation_status: 'error', policy_set_version_id: v1.id, manifest_sha: v1.manifest_sha256 });
    expect(e.diagnostics_json[0].reason).toBe('evaluation_error');

    await expect.poll(async () => (await call()).status, { timeout: 15_000, interval: 200 }).toBe(200);
    expect(engine.info().pid).not.toBe(pid);
    expect((await t.api('GET', `${z}/audit/verify`)).body.ok).toBe(true);
  });

  it('issues no token when its audit event cannot be written, and recovers when the store does', async () => {
    if (dialect === 'sqlite') {
      await t.db.exec("CREATE TRIGGER audit_fail BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'simulated disk full'); END");
    } else {
      await t.db.exec(`CREATE FUNCTION audit_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated disk full'; END $$;
        CREATE TRIGGER audit_fail BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_fail()`);
    }
    const before = await t.count('audit_events');
    const r = await call();
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ error: 'temporarily_unavailable', request_id: expect.any(String) });
    expect(r.body.access_token).toBeUndefined();
    expect(await t.count('audit_events')).toBe(before);
    await t.db.exec(dialect === 'sqlite' ? 'DROP TRIGGER audit_fail' : 'DROP TRIGGER audit_fail ON audit_events');
    expect((await call()).status).toBe(200);
    expect((await t.api('GET', `/v1/zones/${zone.id}/audit/verify`)).body.ok).toBe(true);
  });
});
