import { systemActor } from '../auth/actor.ts';
import type { Services } from '../services/index.ts';
import { demoPolicies } from './policies.ts';

const SEEDED_KEY = 'demo_seeded';

/** Creates the `demo` zone with four policies in an active policy-set version, once per store. */
export async function seedDemo(s: Services, opts: { force?: boolean } = {}): Promise<{ created: boolean; zoneId: string }> {
  const { tokens, zones } = s.deps.repos;
  if (!opts.force && (await tokens.getMeta(SEEDED_KEY))) return { created: false, zoneId: (await zones.bySlug('demo'))?.id ?? '' };
  const existing = await zones.bySlug('demo');
  if (existing) return { created: false, zoneId: existing.id }; // someone made their own "demo"; leave it alone
  const rid = 'demo-seed';
  const zone = await s.zones.create({ name: 'Demo', slug: 'demo' }, systemActor, rid);
  const row = (await zones.find(zone.id))!;
  const versions: string[] = [];
  for (const p of demoPolicies) {
    const created = await s.policies.create(row, p, systemActor, rid);
    versions.push(created.version_id);
  }
  const set = await s.sets.create(row, { name: 'production', description: 'What the STS evaluates for the demo zone.' }, systemActor, rid);
  const v = await s.sets.addVersion(row, set.id, { manifest: versions.map((id) => ({ policy_version_id: id })) }, systemActor, rid);
  await s.activation.activate(row, set.id, { version_id: v.id, reason: 'Initial demo policies', expected_active_version_id: null }, systemActor, rid);
  await tokens.setMeta(SEEDED_KEY, new Date().toISOString());
  return { created: true, zoneId: zone.id };
}
