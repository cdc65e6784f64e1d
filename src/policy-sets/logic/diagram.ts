/** Facts the set page's diagram draws: versions, the activations between them, the active pointer. */
export interface DiagramVersion {
  id: string;
  version: number;
  manifest_sha256: string;
}
export interface DiagramActivation {
  from_version_id: string | null;
  to_version_id: string;
  actor: string;
  occurred_at: string;
}

const nodeId = (v: DiagramVersion) => `v${v.version}`;
/** Mermaid label text: no quotes, brackets or markup can come from data (hashes, numbers, actor names). */
const safe = (text: string) => text.replace(/[^\p{L}\p{N} .:_@/-]/gu, '_');

/**
 * A mermaid flowchart (left to right): one node per version (oldest first, created in order by a
 * dotted line), a solid arrow per activation numbered in time order, and an ACTIVE pointer node
 * pointing at the active version. Pure text, so it is unit-tested without a browser.
 */
export function versionsDiagram(versions: readonly DiagramVersion[], activations: readonly DiagramActivation[], activeVersionId: string | null): string {
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const byId = new Map(ordered.map((v) => [v.id, v]));
  const lines = ['flowchart LR'];
  for (const v of ordered) lines.push(`  ${nodeId(v)}["v${v.version} · ${safe(v.manifest_sha256.slice(0, 8))}"]`);
  for (let i = 1; i < ordered.length; i++) lines.push(`  ${nodeId(ordered[i - 1]!)} -.-> ${nodeId(ordered[i]!)}`);
  const inTime = [...activations].sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  inTime.forEach((a, i) => {
    const to = byId.get(a.to_version_id);
    if (!to) return;
    const from = a.from_version_id ? byId.get(a.from_version_id) : undefined;
    const label = `${i + 1}. activated by ${safe(a.actor)}`;
    if (from) lines.push(`  ${nodeId(from)} ==>|"${label}"| ${nodeId(to)}`);
    else lines.push(`  start((none)) ==>|"${label}"| ${nodeId(to)}`);
  });
  const active = activeVersionId ? byId.get(activeVersionId) : undefined;
  if (active) {
    lines.push('  active{{ACTIVE}}');
    lines.push(`  active --> ${nodeId(active)}`);
    lines.push(`  style ${nodeId(active)} stroke-width:4px`);
  }
  return lines.join('\n');
}
