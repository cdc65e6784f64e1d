// What the database itself guarantees, checked with direct SQL that goes around the application.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { dialects, seedZone, TestServer } from './support/server.ts';

describe.each(dialects)('store guarantees (%s)', (dialect) => {
  let t: TestServer;
  let s: Awaited<ReturnType<typeof seedZone>>;
  beforeAll(async () => {
    t = await TestServer.start(dialect);
    s = await seedZone(t);
  });
  afterAll(() => t?.close());

  const refuses = async (sql: string, params: (string | number)[] = []) => {
    await expect(t.db.run(sql, params)).rejects.toThrow(/immutable|append-only/);
  };

  it('refuses UPDATE and DELETE of policy versions', async () => {
    await refuses("UPDATE policy_versions SET content = 'package hacked' WHERE id = ?", [s.policy.version_id]);
    await refuses('DELETE FROM policy_versions WHERE id = ?', [s.policy.version_id]);
    const row = await t.db.get<{ content: string }>('SELECT content FROM policy_versions WHERE id = ?', [s.policy.version_id]);
    expect(row!.content).toContain('package caracal.authz');
  });

  it('refuses UPDATE and DELETE of policy-set versions, manifests, activations and the admin audit', async () => {
    await refuses("UPDATE policy_set_versions SET manifest_sha256 = 'x' WHERE id = ?", [s.v1.id]);
    await refuses('DELETE FROM policy_set_versions WHERE id = ?', [s.v1.id]);
    await refuses("UPDATE policy_set_version_entries SET policy_version_id = 'x'");
    await refuses('DELETE FROM policy_set_version_entries');
    await refuses("UPDATE activations SET reason = 'rewritten'");
    await refuses('DELETE FROM activations');
    await refuses("UPDATE admin_audit SET actor = 'someone else'");
    await refuses('DELETE FROM admin_audit');
    expect(await t.count('activations', 'zone_id = ?', [s.zone.id])).toBe(1);
  });

  it('allows at most one active pointer per zone', async () => {
    await expect(
      t.db.run(
        "INSERT INTO active_pointers (id, zone_id, policy_set_id, policy_set_version_id, activation_id, activated_at, activated_by) VALUES ('dup', ?, ?, ?, 'a', '2026-01-01T00:00:00.000Z', 'x')",
        [s.zone.id, s.set.id, s.v1.id],
      ),
    ).rejects.toThrow(/unique|UNIQUE|duplicate/i);
  });

  it('refuses a pointer to a version of another zone', async () => {
    const other = await seedZone(t);
    await expect(t.db.run('UPDATE active_pointers SET policy_set_version_id = ?, policy_set_id = ? WHERE zone_id = ?', [other.v1.id, other.set.id, s.zone.id])).rejects.toThrow(
      /foreign key|FOREIGN KEY/i,
    );
  });

  it('keeps version numbers unique per parent and live names unique per zone', async () => {
    await expect(
      t.db.run(
        "INSERT INTO policy_versions (id, policy_id, zone_id, version, content, content_sha256, schema_version, created_by, created_at) VALUES ('v-dup', ?, ?, 1, 'x', 'x', 'x', 'x', 'x')",
        [s.policy.id, s.zone.id],
      ),
    ).rejects.toThrow(/unique|UNIQUE|duplicate/i);
    await expect(
      t.db.run("INSERT INTO policies (id, zone_id, name, description, created_by, created_at, updated_at) VALUES ('p-dup', ?, 'grant-ok', '', 'x', 'x', 'x')", [s.zone.id]),
    ).rejects.toThrow(/unique|UNIQUE|duplicate/i);
    // An archived row frees the name.
    await t.db.run(
      "INSERT INTO policies (id, zone_id, name, description, created_by, created_at, updated_at, archived_at) VALUES ('p-old', ?, 'grant-ok', '', 'x', 'x', 'x', 'x')",
      [s.zone.id],
    );
  });

  it('migrations are idempotent', async () => {
    expect((await migrate(t.db)).applied).toEqual([]);
  });
});
