// Monaco's Monarch compiler and lexer ship without typings; the tokenizer tests use them directly
// so they check what the editor really does without a DOM.
declare module 'monaco-editor/editor/standalone/common/monarch/monarchCompile' {
  export function compile(languageId: string, json: unknown): unknown;
}
declare module 'monaco-editor/editor/standalone/common/monarch/monarchLexer' {
  interface LineState {
    readonly __brand?: 'state';
  }
  export class MonarchTokenizer {
    constructor(languageService: unknown, themeService: unknown, languageId: string, lexer: unknown, configuration: unknown);
    getInitialState(): LineState;
    tokenize(line: string, hasEOL: boolean, state: LineState): { tokens: { offset: number; type: string }[]; endState: LineState };
  }
}
