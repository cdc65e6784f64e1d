import { describe, expect, it } from 'vitest';
import { describeChange, diffManifests, summarizeChanges, type ManifestPolicy } from './manifestDiff';
import { versionsDiagram } from './diagram';

const p = (policy: string, version: number): ManifestPolicy => ({ policy_id: `id-${policy}`, policy, version, policy_version_id: `${policy}-v${version}` });

describe('diffManifests', () => {
  it('finds added, removed, moved and unchanged policies, sorted by name', () => {
    const changes = diffManifests([p('a', 1), p('b', 1), p('c', 2)], [p('a', 1), p('c', 3), p('d', 1)]);
    expect(changes.map((c) => [c.policy, c.kind])).toEqual([
      ['a', 'unchanged'],
      ['b', 'removed'],
      ['c', 'changed'],
      ['d', 'added'],
    ]);
    expect(changes.map(describeChange)).toEqual(['a: v1 (unchanged)', 'b: removed (was v1)', 'c: v2 → v3', 'd: added at v1']);
    expect(summarizeChanges(changes)).toBe('1 added, 1 removed, 1 moved to another version');
  });
  it('treats no active version as everything added', () => {
    expect(diffManifests(null, [p('a', 1)]).map((c) => c.kind)).toEqual(['added']);
  });
  it('says so when nothing changed', () => {
    expect(summarizeChanges(diffManifests([p('a', 1)], [p('a', 1)]))).toBe('No change in policies or versions');
  });
});

describe('versionsDiagram', () => {
  const versions = [
    { id: 'x2', version: 2, manifest_sha256: 'bbbbbbbbbbbb' },
    { id: 'x1', version: 1, manifest_sha256: 'aaaaaaaaaaaa' },
  ];
  it('draws versions in order, activations in time order and the active pointer', () => {
    const text = versionsDiagram(
      versions,
      [
        { from_version_id: 'x1', to_version_id: 'x2', actor: 'ann', occurred_at: '2026-01-02T00:00:00.000Z' },
        { from_version_id: null, to_version_id: 'x1', actor: 'bob "x"', occurred_at: '2026-01-01T00:00:00.000Z' },
      ],
      'x2',
    );
    expect(text.split('\n')).toEqual([
      'flowchart LR',
      '  v1["v1 · aaaaaaaa"]',
      '  v2["v2 · bbbbbbbb"]',
      '  v1 -.-> v2',
      '  start((none)) ==>|"1. activated by bob _x_"| v1',
      '  v1 ==>|"2. activated by ann"| v2',
      '  active{{ACTIVE}}',
      '  active --> v2',
      '  style v2 stroke-width:4px',
    ]);
  });
  it('has no pointer when nothing is active', () => {
    expect(versionsDiagram(versions, [], null)).not.toContain('ACTIVE');
  });
});
