export interface LineCoverage {
  line: number;
  covered: boolean;
}

/** Coverage rows from the engine → one entry per line, sorted, a line counted once (covered wins). */
export function lineCoverage(covered: readonly number[], notCovered: readonly number[]): LineCoverage[] {
  const byLine = new Map<number, boolean>();
  for (const line of notCovered) if (line > 0) byLine.set(line, false);
  for (const line of covered) if (line > 0) byLine.set(line, true);
  return [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([line, isCovered]) => ({ line, covered: isCovered }));
}

/** "3, 5–7, 9" for a screen-reader friendly summary of uncovered lines. */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i];
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
    parts.push(start === sorted[i] ? `${start}` : `${start}–${sorted[i]}`);
  }
  return parts.join(', ');
}
