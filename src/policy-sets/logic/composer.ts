import type { ManifestPolicy } from './manifestDiff';

/** One row of the composer: a policy and the chosen version id (null = its latest, preselected). */
export interface DraftEntry {
  policyId: string;
  versionId: string | null;
}

export interface PolicyVersions {
  id: string;
  name: string;
  /** Newest first, as the API lists them. */
  versions: readonly { id: string; version: number }[];
}

/** The draft as manifest entries once each policy's versions are known; rows still loading are left out. */
export function resolveDraft(draft: readonly DraftEntry[], details: ReadonlyMap<string, PolicyVersions>): ManifestPolicy[] {
  const out: ManifestPolicy[] = [];
  for (const entry of draft) {
    const policy = details.get(entry.policyId);
    if (!policy) continue;
    const chosen = entry.versionId ? policy.versions.find((v) => v.id === entry.versionId) : policy.versions[0];
    if (chosen) out.push({ policy_id: policy.id, policy: policy.name, version: chosen.version, policy_version_id: chosen.id });
  }
  return out;
}

/** The starting draft: a version's manifest (the active one, else the latest) or nothing. */
export function draftFrom(base: { policies: readonly ManifestPolicy[] } | null): DraftEntry[] {
  return (base?.policies ?? []).map((p) => ({ policyId: p.policy_id, versionId: p.policy_version_id }));
}

/**
 * The starting draft with one policy pinned to a given version (`?policy=&swap=` from the Audit
 * screen's "Stage a fix"): replaces that policy's entry, or adds it when the base lacks it.
 */
export function swapInto(draft: readonly DraftEntry[], policyId: string | null, versionId: string | null): DraftEntry[] {
  if (!policyId || !versionId) return [...draft];
  const present = draft.some((d) => d.policyId === policyId);
  return present ? draft.map((d) => (d.policyId === policyId ? { policyId, versionId } : d)) : [...draft, { policyId, versionId }];
}
