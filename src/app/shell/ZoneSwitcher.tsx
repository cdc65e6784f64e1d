import { useQuery } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { zoneQueries } from '../../api/zones';

/** Switching zone keeps the section (policies, settings…) but drops object ids, which are per zone. */
export function ZoneSwitcher({ zoneId }: { zoneId: string }) {
  const zones = useQuery(zoneQueries.list());
  const navigate = useNavigate();
  const location = useLocation();
  const section = location.pathname.split('/')[3] ?? 'policies';

  if (zones.isError) {
    return (
      <span className="zone-switcher error-text" role="alert">
        Zones unavailable: {zones.error instanceof Error ? zones.error.message : 'error'}
      </span>
    );
  }
  const items = zones.data?.items ?? [];
  const known = items.some((zone) => zone.id === zoneId);
  return (
    <label className="zone-switcher">
      <span>Zone</span>
      <select
        value={zoneId}
        disabled={zones.isPending}
        onChange={(event) => navigate(`/zones/${encodeURIComponent(event.target.value)}/${section}`)}
      >
        {!known && <option value={zoneId}>{zones.isPending ? 'Loading zones…' : zoneId}</option>}
        {items.map((zone) => (
          <option key={zone.id} value={zone.id}>
            {zone.name}
          </option>
        ))}
      </select>
    </label>
  );
}
