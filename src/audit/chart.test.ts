import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditHistogram } from '../../contract/audit.ts';
import { barTitle, chartSummary, histogramQuery, throttle } from './chart';
import { DEFAULT_FILTERS } from './filters';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const iso = (s: string) => s; // times shown as given, so the sentences are checked exactly

describe('the chart asks the server for the whole window', () => {
  it('ends a preset at the time of asking, and passes custom bounds and filters through', () => {
    expect(histogramQuery({ ...DEFAULT_FILTERS, range: '1h', decision: 'deny' }, NOW)).toMatchObject({
      since: '2026-12-04T11:00:00.000Z',
      until: '2026-12-04T12:00:00.000Z',
      decision: 'deny',
    });
    const all = histogramQuery({ ...DEFAULT_FILTERS, application: 'app-1', policy: 'grant' }, NOW);
    expect(all).toMatchObject({ since: undefined, until: undefined, application_id: 'app-1', policy: 'grant' });
    const custom = histogramQuery({ ...DEFAULT_FILTERS, range: 'custom', since: '2026-12-01T00:00:00.000Z', until: '' }, NOW);
    expect([custom.since, custom.until]).toEqual(['2026-12-01T00:00:00.000Z', undefined]);
  });
});

describe('what the chart says', () => {
  const h: AuditHistogram = {
    since: '2026-12-04T11:00:00.000Z',
    until: '2026-12-04T12:00:00.000Z',
    bucket_ms: 1_800_000,
    buckets: [
      { start: '2026-12-04T11:00:00.000Z', allow: 1200, deny: 3 },
      { start: '2026-12-04T11:30:00.000Z', allow: 0, deny: 0 },
    ],
    allow: 1200,
    deny: 3,
  };

  it('states the counts and the window', () => {
    expect(chartSummary(h, iso)).toBe(`${(1200).toLocaleString()} allowed and 3 denied in this window, 2026-12-04T11:00:00.000Z to 2026-12-04T12:00:00.000Z`);
    expect(chartSummary({ since: null, until: null, bucket_ms: 0, buckets: [], allow: 0, deny: 0 }, iso)).toBe(
      '0 allowed and 0 denied in this window: no decision matches this filter yet',
    );
  });

  it('titles each bar with its span and counts, empty ones too', () => {
    expect(barTitle(h.buckets[1]!, h.bucket_ms, iso)).toBe('2026-12-04T11:30:00.000Z to 2026-12-04T12:00:00.000Z: 0 allowed, 0 denied');
  });
});

describe('live refresh throttle', () => {
  afterEach(() => vi.useRealTimers());

  it('runs the first call at once and folds a burst into one run at the end of the interval', () => {
    vi.useFakeTimers({ now: NOW });
    const fn = vi.fn();
    const refresh = throttle(fn, 5000);
    refresh();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) refresh();
    vi.advanceTimersByTime(4999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(60_000);
    expect(fn).toHaveBeenCalledTimes(2);
    refresh();
    expect(fn).toHaveBeenCalledTimes(3);
    refresh();
    refresh.cancel();
    vi.advanceTimersByTime(60_000);
    expect(fn).toHaveBeenCalledTimes(3);
  });
});
