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

describe('smoke', () => {
  it('tokenizes', () => {
    console.log(JSON.stringify(tokenize('package caracal.authz\n\nallow if {\n  x := "a\\n" # hi\n}')));
  });
});
