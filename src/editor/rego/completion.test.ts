import { describe, expect, it } from 'vitest';
import type { Builtin } from '../../api/schemas';
import { builtinAt, builtinSignature, regoCompletions } from './completion';

const builtins: Builtin[] = [
  {
    name: 'startswith',
    description: 'Returns true if the search string begins with the base string.',
    args: [{ name: 'search', type: 'string' }, { name: 'base', type: 'string' }],
    result: { name: 'result', type: 'boolean' },
  },
  { name: 'time.parse_rfc3339_ns', description: 'Parses an RFC 3339 time.', args: [{ name: 'value', type: 'string' }], result: { type: 'number' } },
  { name: 'time.weekday', description: 'Day of the week.', args: [{ type: 'any' }], result: { type: 'string' } },
  { name: 'plus', infix: '+', args: [], description: '' },
];

const labels = (prefix: string) => regoCompletions(prefix, builtins).map((item) => item.label);

describe('regoCompletions', () => {
  it('offers keywords, input and non-infix built-ins on an empty prefix', () => {
    const items = labels('  ');
    expect(items).toEqual(expect.arrayContaining(['if', 'contains', 'every', 'some', 'input', 'startswith', 'time.weekday']));
    expect(items).not.toContain('plus');
  });

  it('offers the contract fields after input. and deeper paths', () => {
    expect(labels('\tinput.')).toEqual(['schema_version', 'principal', 'resource', 'action', 'context']);
    expect(labels('x := input.principal.')).toEqual(['type', 'id', 'zone_id', 'name', 'labels']);
    expect(labels('x := input.context.ti')).toContain('time');
    expect(labels('input.context.time.')).toEqual([]);
  });

  it('documents input fields', () => {
    const [time] = regoCompletions('input.context.', builtins).filter((i) => i.label === 'time');
    expect(time).toMatchObject({ kind: 'field', detail: 'string' });
    expect(time.documentation).toMatch(/RFC 3339/);
  });

  it('offers members of a built-in namespace after its dot', () => {
    expect(labels('t := time.')).toEqual(['parse_rfc3339_ns', 'weekday']);
  });

  it('offers nothing inside a comment', () => {
    expect(labels('# see input.')).toEqual([]);
  });

  it('gives built-ins their signature as detail', () => {
    const start = regoCompletions('', builtins).find((i) => i.label === 'startswith');
    expect(start).toMatchObject({ kind: 'function', detail: 'startswith(search: string, base: string) → boolean' });
  });
});

describe('builtinAt (hover)', () => {
  it('finds a dotted built-in under the cursor with its columns', () => {
    const line = '\tns := time.parse_rfc3339_ns(input.context.time)';
    const hit = builtinAt(line, 12, builtins);
    expect(hit).toMatchObject({ startColumn: 8, endColumn: 29, signature: 'time.parse_rfc3339_ns(value: string) → number' });
  });

  it('returns null over names that are not built-ins', () => {
    expect(builtinAt('\tinput.principal.id', 5, builtins)).toBeNull();
  });

  it('names missing argument names by position', () => {
    expect(builtinSignature(builtins[2])).toBe('time.weekday(arg1: any) → string');
  });
});
