/** Buckets decisions by time for the small allow/deny chart (pure). */
export interface Bucket {
  start: number;
  label: string;
  allow: number;
  deny: number;
}

export function bucketDecisions(rows: ReadonlyArray<{ occurred_at: string; decision: string }>, count: number) {
  let allow = 0;
  let deny = 0;
  if (rows.length === 0) return { buckets: [] as Bucket[], allow, deny };
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    const t = Date.parse(r.occurred_at);
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const span = Math.max(1, max - min + 1);
  const width = span / count;
  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({
    start: min + i * width,
    label: new Date(min + i * width).toISOString(),
    allow: 0,
    deny: 0,
  }));
  for (const r of rows) {
    const i = Math.min(count - 1, Math.floor((Date.parse(r.occurred_at) - min) / width));
    if (r.decision === 'allow') {
      buckets[i]!.allow++;
      allow++;
    } else {
      buckets[i]!.deny++;
      deny++;
    }
  }
  return { buckets, allow, deny };
}
