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

export { monaco };
