import { useSuspenseQuery } from '@tanstack/react-query';
import { MermaidDiagram } from '../../components/mermaid';
import type { PolicySetVersion } from '../../../contract/index.ts';
import { setQueries } from '../api/queries';
import { versionsDiagram } from '../logic/diagram';

/** The versions, the activations between them and where the active pointer is, as a mermaid flowchart. */
export function VersionsDiagram({ zoneId, setId, setName, versions, activeVersionId }: { zoneId: string; setId: string; setName: string; versions: readonly PolicySetVersion[]; activeVersionId: string | null }) {
  const { data } = useSuspenseQuery(setQueries.activations(zoneId));
  const activations = data.items.filter((a) => a.policy_set_id === setId);
  const active = versions.find((v) => v.id === activeVersionId);
  const text = versionsDiagram(versions, activations, activeVersionId);
  return (
    <MermaidDiagram
      text={text}
      label={`Diagram of ${setName}: ${versions.length} versions, ${activations.length} activations, ${active ? `v${active.version} active` : 'nothing active'}.`}
    />
  );
}
