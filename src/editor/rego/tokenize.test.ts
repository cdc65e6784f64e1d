import { describe, expect, it } from 'vitest';
import { compile } from 'monaco-editor/editor/standalone/common/monarch/monarchCompile';
import { MonarchTokenizer } from 'monaco-editor/editor/standalone/common/monarch/monarchLexer';
import { regoMonarch } from './language';

// Runs our Monarch definition through Monaco's own compiler and lexer (no DOM needed), so these
// cases check what the editor will really colour.
const configuration = {
  getValue: () => 20_000,
  onDidChangeConfiguration: () => ({ dispose() {} }),
};
const tokenizer = new MonarchTokenizer(null, null, 'rego', compile('rego', regoMonarch), configuration);

function tokenize(text: string): Array<[string, string]>[] {
  let state = tokenizer.getInitialState();
  return text.split('\n').map((line) => {
    const result = tokenizer.tokenize(line, true, state);
    state = result.endState;
    return result.tokens.map((token: { offset: number; type: string }, i: number) => {
      const end = result.tokens[i + 1]?.offset ?? line.length;
      return [line.slice(token.offset, end), token.type] as [string, string];
    });
  });
}

/** Only the interesting tokens: drop whitespace and the `.rego` postfix. */
function kinds(text: string): string[][] {
  return tokenize(text).map((line) =>
    line.filter(([, type]) => !type.startsWith('white')).map(([value, type]) => `${value}:${type.replace(/\.rego$/, '')}`),
  );
}

describe('Rego Monarch tokenizer', () => {
  it('marks package and import paths', () => {
    expect(kinds('package caracal.authz\nimport data.caracal.lib')).toEqual([
      ['package:keyword', 'caracal.authz:namespace'],
      ['import:keyword', 'data.caracal.lib:namespace'],
    ]);
  });

  it('recognises rule heads at the top level only', () => {
    const [head, , inner] = kinds('allow if {\n  true\n  x := 1\n}');
    expect(head).toEqual(['allow:type.identifier', 'if:keyword', '{:delimiter.curly']);
    expect(inner).toEqual(['x:identifier', ':=:operator', '1:number']);
  });

  it('recognises partial set, function and default heads', () => {
    expect(kinds('deny contains msg if {')[0].slice(0, 3)).toEqual(['deny:type.identifier', 'contains:keyword', 'msg:identifier']);
    expect(kinds('f(x) := y if {')[0][0]).toBe('f:type.identifier');
    expect(kinds('default allow := false')[0]).toEqual(['default:keyword', 'allow:type.identifier', ':=:operator', 'false:constant']);
  });

  it('keeps brace depth across lines, including nested objects', () => {
    const lines = kinds('p if {\n  o := {"a": {"b": 1}}\n  q := 2\n}\nr := 3');
    expect(lines[2][0]).toBe('q:identifier');
    expect(lines[4][0]).toBe('r:type.identifier');
  });

  // Monaco merges neighbouring tokens of one type, hence `"a` and `b"`.
  it('tokenizes strings with escapes, and raw strings across lines', () => {
    expect(kinds('m := "a\\"b"')[0]).toEqual(['m:type.identifier', ':=:operator', '"a:string', '\\":string.escape', 'b":string']);
    const raw = kinds('r := `one\ntwo # not a comment`\ns := 1');
    expect(raw[1]).toEqual(['two # not a comment`:string.raw']);
    expect(raw[2][0]).toBe('s:type.identifier');
  });

  it('tokenizes comments, numbers, keywords and operators', () => {
    expect(kinds('  some x in input.list # why')[0]).toEqual([
      'some:keyword', 'x:identifier', 'in:keyword', 'input:variable.predefined', '.:delimiter', 'list:identifier', '# why:comment',
    ]);
    expect(kinds('n := -1.5e3')[0]).toEqual(['n:type.identifier', ':=:operator', '-1.5e3:number']);
    expect(kinds('p if { a != b; c >= 2 }')[0]).toContain('!=:operator');
    expect(kinds('every k, v in o { not v }')[0].slice(0, 1)).toEqual(['every:keyword']);
  });

  it('does not treat a comparison as a rule head', () => {
    expect(kinds('a == b')[0][0]).toBe('a:identifier');
  });
});
