import { describe, expect, it } from 'vitest';
import { addLabels, labelProblem, MAX_LABELS, splitLabels } from './labels';

describe('splitLabels', () => {
  it('splits on commas, spaces and new lines and drops empty pieces', () => {
    expect(splitLabels(' team:payments, env=prod\n\ntier/1 ,, ')).toEqual(['team:payments', 'env=prod', 'tier/1']);
    expect(splitLabels('  ')).toEqual([]);
  });
});

describe('labelProblem', () => {
  it('accepts what the API accepts', () => {
    expect(labelProblem('team:payments', [])).toBeNull();
    expect(labelProblem('a'.repeat(128), [])).toBeNull();
  });
  it('refuses what the API refuses, with the API rule as the reason', () => {
    expect(labelProblem('-team', [])).toBe('"-team" must be 1-128 letters, digits or _ . : / = - starting with a letter or digit.');
    expect(labelProblem('a'.repeat(129), [])).toMatch(/must be 1-128 letters/);
    expect(labelProblem('é', [])).toMatch(/must be 1-128 letters/);
  });
  it('refuses a repeated label and a 65th one', () => {
    expect(labelProblem('team:a', ['team:a'])).toBe('"team:a" is already in the list.');
    const full = Array.from({ length: MAX_LABELS }, (_, i) => `l${i}`);
    expect(labelProblem('one-more', full)).toBe('An application has at most 64 labels.');
  });
});

describe('addLabels', () => {
  it('adds every valid piece', () => {
    expect(addLabels(['a'], 'b, c')).toEqual({ labels: ['a', 'b', 'c'], rest: '', problem: null });
  });
  it('stops at the first refused piece and keeps it and the rest for the user to fix', () => {
    expect(addLabels([], 'ok, -bad, later')).toEqual({
      labels: ['ok'],
      rest: '-bad, later',
      problem: '"-bad" must be 1-128 letters, digits or _ . : / = - starting with a letter or digit.',
    });
  });
});
