import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, eventMatches, filtersFromSearch, filtersToApiQuery, filtersToSearch } from './filters';

describe('decision filters in the URL', () => {
  it('round-trips every filter through the URL', () => {
    const filters = { ...DEFAULT_FILTERS, decision: 'deny' as const, application: 'app-1', resource: 'resource://x', policy: 'payments', version: 'v-1', requestId: 'r-1', range: '24h' as const };
    const search = filtersToSearch(filters);
    expect(search.toString()).toBe('decision=deny&application=app-1&resource=resource%3A%2F%2Fx&policy=payments&version=v-1&request_id=r-1&range=24h');
    expect(filtersFromSearch(new URLSearchParams(search.toString()))).toEqual(filters);
  });

  it('leaves defaults out of the URL and ignores malformed values', () => {
    expect(filtersToSearch(DEFAULT_FILTERS).toString()).toBe('');
    expect(filtersFromSearch(new URLSearchParams('decision=maybe&range=forever&since=yesterday'))).toEqual(DEFAULT_FILTERS);
  });

  it('keeps custom bounds only for a custom range', () => {
    const custom = filtersFromSearch(new URLSearchParams('since=2026-01-01T00:00:00.000Z&until=2026-01-02T00:00:00.000Z'));
    expect(custom.range).toBe('custom');
    expect(filtersToApiQuery(custom)).toMatchObject({ since: '2026-01-01T00:00:00.000Z', until: '2026-01-02T00:00:00.000Z' });
    expect(filtersToSearch({ ...custom, range: '1h' }).toString()).toBe('range=1h');
  });

  it('turns a preset into since relative to now', () => {
    const now = Date.parse('2026-12-04T12:00:00.000Z');
    expect(filtersToApiQuery({ ...DEFAULT_FILTERS, range: '1h' }, now).since).toBe('2026-12-04T11:00:00.000Z');
    expect(filtersToApiQuery(DEFAULT_FILTERS, now).since).toBeUndefined();
  });

  it('matches live events the way the server filters', () => {
    const event = {
      decision: 'allow',
      request_id: 'r',
      policy_set_version_id: 'v',
      occurred_at: '2026-12-04T12:00:00.000Z',
      metadata_json: { application_id: 'a', resource: 'resource://x' },
      determining_policies_json: [{ policy: 'payments' }],
    };
    expect(eventMatches({ ...DEFAULT_FILTERS, decision: 'allow', policy: 'payments', application: 'a' }, event)).toBe(true);
    expect(eventMatches({ ...DEFAULT_FILTERS, decision: 'deny' }, event)).toBe(false);
    expect(eventMatches({ ...DEFAULT_FILTERS, policy: 'other' }, event)).toBe(false);
    expect(eventMatches({ ...DEFAULT_FILTERS, resource: 'resource://y' }, event)).toBe(false);
  });
});
