import { useQuery } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { zoneObjectQueries } from '../api/queries';
import { isoToLocalInput, localInputToIso, RANGE_LABELS, RANGE_PRESETS, type AuditFilters, type RangePreset } from '../filters';

interface Props {
  zoneId: string;
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

/** The decisions filter. Applying it rewrites the URL; the form re-mounts from the URL (key). */
export function FiltersForm({ zoneId, filters, onApply }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const apps = useQuery(zoneObjectQueries.applications(zoneId));

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const data = new FormData(form.current!);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const range = text('range') as RangePreset;
    onApply({
      decision: text('decision') === 'allow' || text('decision') === 'deny' ? (text('decision') as 'allow' | 'deny') : '',
      application: text('application'),
      resource: text('resource'),
      policy: text('policy'),
      version: text('version'),
      requestId: text('request_id'),
      range,
      since: range === 'custom' ? localInputToIso(text('since')) : '',
      until: range === 'custom' ? localInputToIso(text('until')) : '',
    });
  };
  const applyNow = () => form.current?.requestSubmit();

  return (
    <form ref={form} className="audit-filters" onSubmit={submit} aria-label="Filter decisions">
      <label>
        Decision
        <select name="decision" defaultValue={filters.decision} onChange={applyNow}>
          <option value="">Allow and deny</option>
          <option value="allow">Allow</option>
          <option value="deny">Deny</option>
        </select>
      </label>
      <label>
        Application
        {/* Controlled: the options change when the application list arrives, and an uncontrolled select
            whose selected option is replaced falls back to "Any application" while the URL still filters. */}
        <select name="application" value={filters.application} onChange={applyNow}>
          <option value="">Any application</option>
          {filters.application && !apps.data?.items.some((a) => a.id === filters.application) && (
            <option value={filters.application}>{filters.application}</option>
          )}
          {apps.data?.items.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Resource
        <input name="resource" defaultValue={filters.resource} placeholder="resource://…" />
      </label>
      <label>
        Policy
        <input name="policy" defaultValue={filters.policy} placeholder="determining policy name" />
      </label>
      <label>
        Policy-set version id
        <input name="version" defaultValue={filters.version} />
      </label>
      <label>
        Request id
        <input name="request_id" defaultValue={filters.requestId} />
      </label>
      <label>
        Time range
        <select name="range" defaultValue={filters.range} onChange={applyNow}>
          {RANGE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {RANGE_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {filters.range === 'custom' && (
        <>
          <label>
            From
            <input type="datetime-local" name="since" defaultValue={isoToLocalInput(filters.since)} />
          </label>
          <label>
            To
            <input type="datetime-local" name="until" defaultValue={isoToLocalInput(filters.until)} />
          </label>
        </>
      )}
      <div className="audit-filter-actions">
        <button type="submit">Apply filters</button>
      </div>
    </form>
  );
}
