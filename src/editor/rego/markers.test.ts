import { describe, expect, it } from 'vitest';
import { MARKER_ERROR, MARKER_WARNING, toMarkers } from './markers';

const lines = ['package caracal.authz', '', 'allow if {', '\tinput.principal.id == x', '}'];
const error = (row: number, col: number, message = 'boom', code = 'rego_parse_error') => ({ row, col, code, message });

describe('toMarkers', () => {
  it('puts the marker on the engine row and column, spanning the token there', () => {
    const [marker] = toMarkers([error(4, 24, 'var x is unsafe', 'rego_unsafe_var_error')], lines);
    expect(marker).toEqual({
      startLineNumber: 4,
      startColumn: 24,
      endLineNumber: 4,
      endColumn: 25,
      message: 'var x is unsafe',
      severity: MARKER_ERROR,
      code: 'rego_unsafe_var_error',
      source: 'OPA',
    });
  });

  it('spans a dotted reference', () => {
    const [marker] = toMarkers([error(4, 2)], lines);
    expect([marker.startColumn, marker.endColumn]).toEqual([2, 20]);
  });

  it('puts errors without a location (row 0) on the first line', () => {
    const [marker] = toMarkers([error(0, 0)], lines);
    expect([marker.startLineNumber, marker.startColumn]).toEqual([1, 1]);
  });

  it('clamps rows past the end and columns past the line end', () => {
    const [past, wide] = toMarkers([error(99, 1), error(3, 200)], lines);
    expect(past.startLineNumber).toBe(5);
    expect([wide.startLineNumber, wide.startColumn, wide.endColumn]).toEqual([3, 11, 12]);
  });

  it('keeps one marker per engine error, in order', () => {
    expect(toMarkers([error(3, 1, 'a'), error(1, 1, 'b')], lines).map((m) => m.message)).toEqual(['a', 'b']);
  });

  it('marks strict-mode findings as warnings', () => {
    expect(toMarkers([error(4, 2, 'unused', 'rego_compile_error')], lines, MARKER_WARNING)[0].severity).toBe(MARKER_WARNING);
  });
});
