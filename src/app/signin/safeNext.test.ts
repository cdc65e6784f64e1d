import { describe, expect, it } from 'vitest';
import { safeNext } from './safeNext';

describe('safeNext', () => {
  it('keeps same-origin paths with their query', () => {
    expect(safeNext('/zones/z1/policies/p1?version=2')).toBe('/zones/z1/policies/p1?version=2');
  });
  it.each([null, '', 'https://evil.example/', '//evil.example', '/\\evil', '/login?next=/x'])('refuses %s', (next) => {
    expect(safeNext(next)).toBe('/');
  });
});
