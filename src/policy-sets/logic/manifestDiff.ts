/** One entry of a set version's manifest, as the API lists it (`PolicySetVersion.policies`). */
export interface ManifestPolicy {
  policy_id: string;
  policy: string;
  version: number;
  policy_version_id: string;
}

export type ManifestChange =
  | { kind: 'added'; policy: string; policyId: string; to: ManifestPolicy }
  | { kind: 'removed'; policy: string; policyId: string; from: ManifestPolicy }
  | { kind: 'changed'; policy: string; policyId: string; from: ManifestPolicy; to: ManifestPolicy }
  | { kind: 'unchanged'; policy: string; policyId: string; from: ManifestPolicy; to: ManifestPolicy };

/**
 * What changes between two manifests, per policy: added, removed, moved to another version, or
 * unchanged. `from` null means there is nothing active yet (everything is added). Sorted by policy name.
 */
export function diffManifests(from: readonly ManifestPolicy[] | null, to: readonly ManifestPolicy[]): ManifestChange[] {
  const before = new Map((from ?? []).map((p) => [p.policy_id, p]));
  const after = new Map(to.map((p) => [p.policy_id, p]));
  const changes: ManifestChange[] = [];
  for (const [id, next] of after) {
    const prev = before.get(id);
    if (!prev) changes.push({ kind: 'added', policy: next.policy, policyId: id, to: next });
    else if (prev.policy_version_id !== next.policy_version_id) changes.push({ kind: 'changed', policy: next.policy, policyId: id, from: prev, to: next });
    else changes.push({ kind: 'unchanged', policy: next.policy, policyId: id, from: prev, to: next });
  }
  for (const [id, prev] of before) if (!after.has(id)) changes.push({ kind: 'removed', policy: prev.policy, policyId: id, from: prev });
  return changes.sort((a, b) => a.policy.localeCompare(b.policy));
}

/** "2 added, 1 removed, 1 moved to another version" — or "No change" when identical. */
export function summarizeChanges(changes: readonly ManifestChange[]): string {
  const count = (kind: ManifestChange['kind']) => changes.filter((c) => c.kind === kind).length;
  const parts = [
    [count('added'), 'added'],
    [count('removed'), 'removed'],
    [count('changed'), 'moved to another version'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  return parts.length ? parts.join(', ') : 'No change in policies or versions';
}

/** One line per change, for screen text: "payments: v1 → v2". */
export function describeChange(change: ManifestChange): string {
  switch (change.kind) {
    case 'added':
      return `${change.policy}: added at v${change.to.version}`;
    case 'removed':
      return `${change.policy}: removed (was v${change.from.version})`;
    case 'changed':
      return `${change.policy}: v${change.from.version} → v${change.to.version}`;
    case 'unchanged':
      return `${change.policy}: v${change.to.version} (unchanged)`;
  }
}
