import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { zoneObjectQueries } from '../api/queries';

/** "main v3" for each policy-set version id of the zone (ids the table cannot name show shortened). */
export function useVersionLabels(zoneId: string): Map<string, string> {
  const sets = useQuery(zoneObjectQueries.policySets(zoneId));
  const versions = useQueries({ queries: (sets.data?.items ?? []).slice(0, 50).map((s) => zoneObjectQueries.setVersions(zoneId, s.id)) });
  // useQueries returns a new array each render: recompute only when some answer changed.
  const changed = versions.map((v) => v.dataUpdatedAt).join(',');
  return useMemo(() => {
    const labels = new Map<string, string>();
    (sets.data?.items ?? []).slice(0, 50).forEach((set, i) => {
      for (const v of versions[i]?.data?.items ?? []) labels.set(v.id, `${set.name} v${v.version}`);
    });
    return labels;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `changed` stands for `versions`
  }, [sets.data, changed]);
}
