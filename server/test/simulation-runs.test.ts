// Simulations of stored versions are kept as activation evidence: who ran which input, with what result,
// so the dialog after a reload, and a reviewer approving someone else's request, see the same evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, policyText, seedZone, stsInput, TestServer } from './support/server.ts';

describe.each(dialects)('simulation runs (%s)', (dialect) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
  });
  afterAll(() => t?.close());

  it('records every simulation of a version, newest first, with the runner, input and result', async () => {
    const { zone, set, v1 } = await seedZone(t);
    const base = `/v1/zones/${zone.id}/policy-sets/${set.id}`;
    const author = await t.token('author', zone.id, 'ana');
    const auditor = await t.token('auditor', zone.id, 'avi');

    const denied = await t.api('POST', `${base}/simulate`, { token: author, body: { version_id: v1.id, input: { ...stsInput(zone.id), ok: false } } });
    expect(denied.status).toBe(200);
    const compiled = await t.api('POST', `${base}/simulate`, { token: author, body: { version_id: v1.id } });
    expect(compiled.body.explanation.evaluation).toBe('not_executed');
    const allowed = await t.api('POST', `${base}/simulate`, { token: author, body: { version_id: v1.id, input: { ...stsInput(zone.id), ok: true }, explain: 'full' } });
    expect(allowed.body.result.decision).toBe('allow');

    // Anyone who may read the zone sees them (here an auditor), newest first.
    const runs = await t.api('GET', `${base}/versions/${v1.id}/simulations`, { token: auditor });
    expect(runs.status).toBe(200);
    expect(runs.body.items.map((r: { evaluation: string; decision: string | null }) => [r.evaluation, r.decision])).toEqual([
      ['executed', 'allow'],
      ['not_executed', null],
      ['executed', 'deny'],
    ]);
    const [last] = runs.body.items;
    expect(last).toMatchObject({ ran_by: 'ana', version_id: v1.id, policy_set_id: set.id, would_activate: true, reason: allowed.body.explanation.reason, warnings: [] });
    expect(last.input).toEqual({ ...stsInput(zone.id), ok: true });
    expect(last.result).toEqual(allowed.body.result);
    expect(JSON.stringify(last)).not.toContain('"trace"'); // the trace is not kept
    expect((await t.api('GET', `${base}/versions/${v1.id}/simulations?limit=1`)).body.items).toHaveLength(1);
  });

  it('keeps a failed simulation as failed, and records nothing for a refused request', async () => {
    const { zone, set } = await seedZone(t);
    const base = `/v1/zones/${zone.id}/policy-sets/${set.id}`;
    const broken = (await t.api('POST', `/v1/zones/${zone.id}/policies`, { body: { name: 'conflict', content: policyText('conflict', 'allow := true if input.a\nallow := false if input.b') } })).body;
    const v2 = (await t.api('POST', `${base}/versions`, { body: { manifest: [{ policy_version_id: broken.version_id }] } })).body;
    const failed = await t.api('POST', `${base}/simulate`, { body: { version_id: v2.id, input: { a: true, b: true } } });
    expect(failed.body.explanation.evaluation).toBe('failed');
    const runs = (await t.api('GET', `${base}/versions/${v2.id}/simulations`)).body.items;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ evaluation: 'failed', would_activate: false, decision: 'deny' });

    const before = await t.count('simulation_runs', 'zone_id = ?', [zone.id]);
    expect((await t.api('POST', `${base}/simulate`, { body: { version_id: v2.id, input: {}, explain: 'loud' } })).status).toBe(400);
    expect((await t.api('POST', `${base}/simulate`, { body: { version_id: 'no-such-version' } })).status).toBe(404);
    expect(await t.count('simulation_runs', 'zone_id = ?', [zone.id])).toBe(before);
  });

  it('answers 404 for a version of another set and 400 for a bad limit; the rows cannot be changed', async () => {
    const a = await seedZone(t);
    const b = await seedZone(t);
    const other = await t.api('GET', `/v1/zones/${a.zone.id}/policy-sets/${a.set.id}/versions/${b.v1.id}/simulations`);
    expect(other.status).toBe(404);
    const bad = await t.api('GET', `/v1/zones/${a.zone.id}/policy-sets/${a.set.id}/versions/${a.v1.id}/simulations?limit=500`);
    expect(bad.status).toBe(400);
    expect(bad.body.error_description).toMatch(/limit/);

    await t.api('POST', `/v1/zones/${a.zone.id}/policy-sets/${a.set.id}/simulate`, { body: { version_id: a.v1.id } });
    await expect(t.db.run('UPDATE simulation_runs SET reason = ?', ['rewritten'])).rejects.toThrow();
    await expect(t.db.run('DELETE FROM simulation_runs')).rejects.toThrow();
  });
});
