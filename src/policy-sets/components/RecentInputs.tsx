import { useQuery } from '@tanstack/react-query';
import { formatTime } from '../../components/format';
import { recentInputsQuery } from '../api/queries';

/** Recent real inputs of this zone (from the audit log) as simulation examples. */
export function RecentInputs({ zoneId, onPick }: { zoneId: string; onPick: (input: unknown) => void }) {
  const recent = useQuery(recentInputsQuery(zoneId));
  if (recent.isPending) return <span className="muted">Loading recent inputs…</span>;
  if (recent.isError) return <span className="muted">Recent inputs are not available: {recent.error.message}</span>;
  if (recent.data.length === 0) return <span className="muted">No recorded decisions in this zone yet.</span>;
  return (
    <label className="inline-field">
      <span>Recent real input</span>
      <select
        defaultValue=""
        onChange={(e) => {
          const found = recent.data.find((r) => r.requestId === e.target.value);
          if (found) onPick(found.input);
        }}
      >
        <option value="" disabled>
          Choose a recorded decision…
        </option>
        {recent.data.map((r) => (
          <option key={r.requestId} value={r.requestId}>
            {r.decision} · {formatTime(r.at)} · {r.requestId.slice(0, 12)}
          </option>
        ))}
      </select>
    </label>
  );
}
