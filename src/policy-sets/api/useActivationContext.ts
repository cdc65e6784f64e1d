import { useQuery, useSuspenseQueries } from '@tanstack/react-query';
import { setQueries } from './queries';

/** The set, its versions (newest first), the active version and whether the zone requires approval. */
export function useSetContext(zoneId: string, setId: string) {
  // In parallel, not one after the other.
  const [{ data: set }, { data: versions }, { data: zone }] = useSuspenseQueries({
    queries: [setQueries.detail(zoneId, setId), setQueries.versions(zoneId, setId), setQueries.zone(zoneId)],
  });
  const activeInList = versions.items.find((v) => v.id === set.active_version_id) ?? null;
  // The active version is normally in the (500-long) list; fetch it alone otherwise.
  const activeAlone = useQuery({
    ...setQueries.version(zoneId, setId, set.active_version_id ?? ''),
    enabled: !!set.active_version_id && !activeInList,
  });
  return {
    set,
    versions: versions.items,
    active: activeInList ?? activeAlone.data ?? null,
    requiresApproval: zone.settings.require_activation_approval,
  };
}
