// A stored version that no longer compiles (written behind the API's back, as after an engine
// upgrade that forbids a built-in): simulate says so, activation refuses it with 422, and a pointer
// that already names it reports propagation "failed" instead of pretending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestSha256 } from '../services/policy-sets.ts';
import { dialects, seedZone, TestServer } from './support/server.ts';

describe.each(dialects)('a version that does not compile (%s)', (dialect) => {
  let t: TestServer;
  let s: Awaited<ReturnType<typeof seedZone>>;
  const brokenVersion = 'broken-psv-1';
  beforeAll(async () => {
    t = await TestServer.start(dialect);
    s = await seedZone(t);
    const at = new Date().toISOString();
    await t.db.run(
      "INSERT INTO policy_versions (id, policy_id, zone_id, version, content, content_sha256, schema_version, created_by, created_at) VALUES ('broken-pv', ?, ?, 99, ?, 'x', '2026-05-20', 'sql', ?)",
      [s.policy.id, s.zone.id, 'package caracal.authz\n\nallow if http.send({"url": "http://x"}).status == 200\n', at],
    );
    await t.db.run(
      "INSERT INTO policy_set_versions (id, policy_set_id, zone_id, version, manifest_json, manifest_sha256, schema_version, created_by, created_at) VALUES (?, ?, ?, 99, ?, ?, '2026-05-20', 'sql', ?)",
      [brokenVersion, s.set.id, s.zone.id, JSON.stringify([{ policy_version_id: 'broken-pv' }]), manifestSha256(['broken-pv']), at],
    );
    await t.db.run("INSERT INTO policy_set_version_entries (policy_set_version_id, position, policy_version_id, policy_id, zone_id) VALUES (?, 0, 'broken-pv', ?, ?)", [
      brokenVersion,
      s.policy.id,
      s.zone.id,
    ]);
  });
  afterAll(() => t?.close());

  it('simulate: would_activate false, evaluation failed, errors name the policy', async () => {
    const r = await t.api('POST', `/v1/zones/${s.zone.id}/policy-sets/${s.set.id}/simulate`, { body: { version_id: brokenVersion, input: { ok: true } } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ would_activate: false, result: null, explanation: { evaluation: 'failed' } });
    expect(r.body.explanation.reason).toMatch(/does not compile/);
    expect(r.body.explanation.errors[0]).toMatchObject({ policy: 'grant-ok', row: 3 });
    expect(JSON.stringify(r.body.explanation.errors)).toContain('http.send');
  });

  it('activate: 422 invalid_policy_bundle and the pointer does not move', async () => {
    const r = await t.api('POST', `/v1/zones/${s.zone.id}/policy-sets/${s.set.id}/activate`, { body: { version_id: brokenVersion } });
    expect(r.status).toBe(422);
    expect(r.body.error).toBe('invalid_policy_bundle');
    expect(r.body.errors[0].policy).toBe('grant-ok');
    const z = await t.api('GET', `/v1/zones/${s.zone.id}`);
    expect(z.body.active.policy_set_version_id).toBe(s.v1.id);
    expect(await t.count('activations', 'zone_id = ?', [s.zone.id])).toBe(1);
  });

  it('activation-status of an active version the engine cannot load reports failed', async () => {
    await t.db.run('UPDATE active_pointers SET policy_set_version_id = ? WHERE zone_id = ?', [brokenVersion, s.zone.id]);
    const r = await t.api('GET', `/v1/zones/${s.zone.id}/policy-sets/${s.set.id}/activation-status`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ active: true, version_id: brokenVersion, propagation_status: 'failed', engine: { healthy: true, loaded: false } });
  });
});
