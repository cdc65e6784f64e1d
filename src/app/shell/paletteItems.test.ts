import { describe, expect, it } from 'vitest';
import type { PolicySummary } from '../../api/schemas';
import { paletteItems } from './paletteItems';

const policy = (id: string, name: string): PolicySummary => ({
  id, name, zone_id: 'z1', description: '', created_by: 'a', created_at: '', updated_at: '', latest_version: 3, in_active_set: false,
});

describe('paletteItems', () => {
  it('lists matching policies first, then matching screens', () => {
    const items = paletteItems('z1', 'pol', [policy('p1', 'Payments policy'), policy('p2', 'Other')]);
    expect(items.map((i) => i.label)).toEqual(['Payments policy', 'Policies', 'New policy', 'Policy Sets']);
    expect(items[0].to).toBe('/zones/z1/policies/p1');
  });

  it('offers jumping to a policy, policy set or decision by id', () => {
    const items = paletteItems('z1', '0190a1b2-c3d4-7e5f', []);
    expect(items.map((i) => i.to)).toEqual([
      '/zones/z1/policies/0190a1b2-c3d4-7e5f',
      '/zones/z1/policy-sets/0190a1b2-c3d4-7e5f',
      '/zones/z1/audit/decisions/0190a1b2-c3d4-7e5f',
    ]);
  });

  it('finds policy sets by name', () => {
    const items = paletteItems('z1', 'main', [], [{ id: 's1', name: 'Main set' }, { id: 's2', name: 'Other' }]);
    expect(items[0]).toEqual({ id: 'policy-set:s1', label: 'Main set', hint: 'Policy set', to: '/zones/z1/policy-sets/s1' });
    expect(items.map((i) => i.label)).not.toContain('Other');
  });
});
