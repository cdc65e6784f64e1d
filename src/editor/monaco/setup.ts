/**
 * Loads Monaco from the local package (never the CDN @monaco-editor/react would use by default)
 * and registers the Rego language once. Imported only by the lazy editor modules, so Monaco
 * stays out of the entry chunk.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/register.all';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { Builtin } from '../../api/schemas';
import { builtinAt, regoCompletions, type RegoCompletion } from '../rego/completion';
import { regoLanguageConfiguration, regoMonarch } from '../rego/language';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

/** The engine's built-in catalogue, set by the editor when it has loaded. */
let catalogue: readonly Builtin[] = [];
export function setBuiltinCatalogue(builtins: readonly Builtin[]) {
  catalogue = builtins;
}

const kinds: Record<RegoCompletion['kind'], monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  function: monaco.languages.CompletionItemKind.Function,
  field: monaco.languages.CompletionItemKind.Field,
  variable: monaco.languages.CompletionItemKind.Variable,
  snippet: monaco.languages.CompletionItemKind.Snippet,
};

monaco.languages.register({ id: 'rego', extensions: ['.rego'], aliases: ['Rego'] });
monaco.languages.setMonarchTokensProvider('rego', regoMonarch);
monaco.languages.setLanguageConfiguration('rego', regoLanguageConfiguration);

monaco.languages.registerCompletionItemProvider('rego', {
  triggerCharacters: ['.'],
  provideCompletionItems(model, position) {
    const linePrefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
    const suggestions = regoCompletions(linePrefix, catalogue).map((item) => ({
      label: item.label,
      kind: kinds[item.kind],
      insertText: item.insertText,
      detail: item.detail,
      documentation: item.documentation,
      range,
    }));
    return { suggestions };
  },
});

monaco.languages.registerHoverProvider('rego', {
  provideHover(model, position) {
    const found = builtinAt(model.getLineContent(position.lineNumber), position.column, catalogue);
    if (!found) return null;
    return {
      range: new monaco.Range(position.lineNumber, found.startColumn, position.lineNumber, found.endColumn),
      contents: [
        { value: `\`\`\`\n${found.signature}\n\`\`\`` },
        { value: found.builtin.description || 'No description in the engine catalogue.' },
      ],
    };
  },
});

// Monaco's stock light colours for numbers, rule heads and comments fall under WCAG AA contrast,
// especially on the diff editor's green and red backgrounds; these keep every token ≥ 4.5:1.
monaco.editor.defineTheme('caracal-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'number', foreground: '05603c' },
    { token: 'type.identifier', foreground: '155566' },
    { token: 'comment', foreground: '2e6319' },
    { token: 'string', foreground: '8f1212' },
    { token: 'string.raw', foreground: '8f1212' },
    { token: 'namespace', foreground: '5a2d82' },
  ],
  colors: {
    'editorLineNumber.foreground': '#4d5560',
    'diffEditor.insertedTextBackground': '#b7e4c766',
    'diffEditor.insertedLineBackground': '#dcf3e455',
    'diffEditor.removedTextBackground': '#f5c2c266',
    'diffEditor.removedLineBackground': '#fbe3e355',
  },
});
monaco.editor.defineTheme('caracal-dark', {
  base: 'vs-dark',
  inherit: true,
  // Every token ≥ 4.5:1 on the dark background (#1e1e1e).
  rules: [
    { token: '', foreground: 'd4d4d4' },
    { token: 'keyword', foreground: '6cb6ff' },
    { token: 'constant', foreground: '6cb6ff' },
    { token: 'type.identifier', foreground: '4ec9b0' },
    { token: 'namespace', foreground: 'c8a2f0' },
    { token: 'number', foreground: 'b5cea8' },
    { token: 'string', foreground: 'ce9178' },
    { token: 'string.escape', foreground: 'd7ba7d' },
    { token: 'comment', foreground: '7fbf6a' },
    { token: 'variable.predefined', foreground: '9cdcfe' },
    { token: 'operator', foreground: 'd4d4d4' },
    { token: 'delimiter', foreground: 'd4d4d4' },
  ],
  colors: {
    'editorLineNumber.foreground': '#a0a7b0',
    // vs-dark's bright green/red diff fills drop the green comment below 4.5:1; keep them faint.
    'diffEditor.insertedTextBackground': '#2ea04333',
    'diffEditor.insertedLineBackground': '#2ea0431a',
    'diffEditor.removedTextBackground': '#f8514933',
    'diffEditor.removedLineBackground': '#f851491a',
  },
});

export function themeFor(scheme: 'light' | 'dark') {
  return scheme === 'dark' ? 'caracal-dark' : 'caracal-light';
}

export { monaco };
