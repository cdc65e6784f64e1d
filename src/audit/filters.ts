/**
 * The decisions filter lives in the URL (so a link or a reload reproduces the view). This module is
 * the one mapping between the URL's search params, the form, and the audit API's query.
 */
export type Decision = 'allow' | 'deny';
export const RANGE_PRESETS = ['15m', '1h', '24h', '7d', '30d', 'all', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface AuditFilters {
  decision: Decision | '';
  application: string;
  resource: string;
  policy: string;
  version: string;
  requestId: string;
  range: RangePreset;
  /** Only with range "custom": RFC 3339 bounds. */
  since: string;
  until: string;
}

export const DEFAULT_FILTERS: AuditFilters = {
  decision: '',
  application: '',
  resource: '',
  policy: '',
  version: '',
  requestId: '',
  range: 'all',
  since: '',
  until: '',
};

const URL_KEYS: Record<keyof AuditFilters, string> = {
  decision: 'decision',
  application: 'application',
  resource: 'resource',
  policy: 'policy',
  version: 'version',
  requestId: 'request_id',
  range: 'range',
  since: 'since',
  until: 'until',
};

const PRESET_MS: Record<Exclude<RangePreset, 'all' | 'custom'>, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export const RANGE_LABELS: Record<RangePreset, string> = {
  '15m': 'Last 15 minutes',
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  all: 'All time',
  custom: 'Custom range',
};

/** Reads the filter from the URL; unknown or malformed values fall back to the default. */
export function filtersFromSearch(search: URLSearchParams): AuditFilters {
  const get = (key: keyof AuditFilters) => (search.get(URL_KEYS[key]) ?? '').trim();
  const decision = get('decision');
  const range = get('range') as RangePreset;
  const since = get('since');
  const until = get('until');
  const hasCustom = isIsoTime(since) || isIsoTime(until);
  return {
    decision: decision === 'allow' || decision === 'deny' ? decision : '',
    application: get('application'),
    resource: get('resource'),
    policy: get('policy'),
    version: get('version'),
    requestId: get('requestId'),
    range: RANGE_PRESETS.includes(range) ? range : hasCustom ? 'custom' : 'all',
    since: isIsoTime(since) ? since : '',
    until: isIsoTime(until) ? until : '',
  };
}

/** The filter as URL search params: only what differs from the default, custom bounds only for "custom". */
export function filtersToSearch(filters: AuditFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of Object.keys(URL_KEYS) as (keyof AuditFilters)[]) {
    const value = filters[key];
    if ((key === 'since' || key === 'until') && filters.range !== 'custom') continue;
    if (value && value !== DEFAULT_FILTERS[key]) out.set(URL_KEYS[key], value);
  }
  return out;
}

export type AuditApiQuery = Record<string, string | undefined>;

/** The audit API's query for a filter; presets become `since` relative to `now`. */
export function filtersToApiQuery(filters: AuditFilters, now: number = Date.now()): AuditApiQuery {
  let since: string | undefined;
  let until: string | undefined;
  if (filters.range === 'custom') {
    since = filters.since || undefined;
    until = filters.until || undefined;
  } else if (filters.range !== 'all') {
    since = new Date(now - PRESET_MS[filters.range]).toISOString();
  }
  return {
    decision: filters.decision || undefined,
    application_id: filters.application || undefined,
    resource: filters.resource || undefined,
    policy: filters.policy || undefined,
    policy_set_version_id: filters.version || undefined,
    request_id: filters.requestId || undefined,
    since,
    until,
  };
}

/** Whether a (live) event belongs in the current filter, checked the way the server filters. */
export function eventMatches(
  filters: AuditFilters,
  event: {
    decision: string;
    request_id: string;
    policy_set_version_id: string | null;
    occurred_at: string;
    metadata_json: Record<string, unknown>;
    determining_policies_json: Array<Record<string, unknown>>;
  },
  now: number = Date.now(),
): boolean {
  const q = filtersToApiQuery(filters, now);
  if (q.decision && event.decision !== q.decision) return false;
  if (q.request_id && event.request_id !== q.request_id) return false;
  if (q.policy_set_version_id && event.policy_set_version_id !== q.policy_set_version_id) return false;
  if (q.application_id && event.metadata_json.application_id !== q.application_id) return false;
  if (q.resource && event.metadata_json.resource !== q.resource) return false;
  if (q.policy && !event.determining_policies_json.some((p) => p.policy === q.policy)) return false;
  if (q.since && event.occurred_at < q.since) return false;
  if (q.until && event.occurred_at > q.until) return false;
  return true;
}

function isIsoTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Converts a datetime-local input value (local time, no zone) to RFC 3339 UTC, or '' when empty. */
export function localInputToIso(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** RFC 3339 → the datetime-local input's value in the reader's time zone. */
export function isoToLocalInput(iso: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
