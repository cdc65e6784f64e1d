import { describe, expect, it } from 'vitest';
import { lineCoverage, lineRanges } from './coverage';

describe('lineCoverage', () => {
  it('merges covered and uncovered rows, sorted, covered wins a tie', () => {
    expect(lineCoverage([5, 3], [4, 5, 0])).toEqual([
      { line: 3, covered: true },
      { line: 4, covered: false },
      { line: 5, covered: true },
    ]);
  });
});

describe('lineRanges', () => {
  it('collapses consecutive lines', () => {
    expect(lineRanges([9, 5, 6, 7, 3, 3])).toBe('3, 5–7, 9');
    expect(lineRanges([])).toBe('');
  });
});
