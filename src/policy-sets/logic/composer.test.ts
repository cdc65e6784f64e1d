import { describe, expect, it } from 'vitest';
import { draftFrom, resolveDraft, swapInto } from './composer';

const details = new Map([
  ['p1', { id: 'p1', name: 'grant', versions: [{ id: 'p1v2', version: 2 }, { id: 'p1v1', version: 1 }] }],
  ['p2', { id: 'p2', name: 'deny', versions: [{ id: 'p2v1', version: 1 }] }],
]);

describe('resolveDraft', () => {
  it('uses the chosen version, or the latest when none is chosen, in draft order', () => {
    expect(resolveDraft([{ policyId: 'p2', versionId: null }, { policyId: 'p1', versionId: 'p1v1' }], details)).toEqual([
      { policy_id: 'p2', policy: 'deny', version: 1, policy_version_id: 'p2v1' },
      { policy_id: 'p1', policy: 'grant', version: 1, policy_version_id: 'p1v1' },
    ]);
  });
  it('leaves out rows whose policy has not loaded yet', () => {
    expect(resolveDraft([{ policyId: 'p9', versionId: null }], details)).toEqual([]);
  });
});

describe('draftFrom', () => {
  it('starts from a version manifest, or empty', () => {
    expect(draftFrom({ policies: [{ policy_id: 'p1', policy: 'grant', version: 1, policy_version_id: 'p1v1' }] })).toEqual([{ policyId: 'p1', versionId: 'p1v1' }]);
    expect(draftFrom(null)).toEqual([]);
  });
});

describe('swapInto (Stage a fix from the Audit screen)', () => {
  const draft = [
    { policyId: 'p1', versionId: 'v1' },
    { policyId: 'p2', versionId: 'v2' },
  ];
  it('replaces the policy entry with the staged version', () => {
    expect(swapInto(draft, 'p2', 'v9')).toEqual([{ policyId: 'p1', versionId: 'v1' }, { policyId: 'p2', versionId: 'v9' }]);
  });
  it('adds the policy when the base lacks it, and changes nothing without both params', () => {
    expect(swapInto(draft, 'p3', 'v3')).toHaveLength(3);
    expect(swapInto(draft, null, 'v3')).toEqual(draft);
  });
});
