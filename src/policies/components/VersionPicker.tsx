import { useSearchParams } from 'react-router';
import type { PolicyVersion } from '../../api/schemas';

/** Which version the editor shows; the choice lives in the URL (?version=N) so back/forward work. */
export function VersionPicker({ versions, current }: { versions: readonly PolicyVersion[]; current: number }) {
  const [, setParams] = useSearchParams();
  return (
    <label className="inline-field">
      <span>Version shown</span>
      <select value={current} onChange={(event) => setParams({ version: event.target.value })}>
        {versions.map((v) => (
          <option key={v.id} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );
}
