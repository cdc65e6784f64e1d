import Editor, { type OnMount } from '@monaco-editor/react';
import * as json from 'monaco-editor/languages/features/json/register';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useColorScheme } from '../../components/useColorScheme';
import type { JsonEditorProps } from '../types';
import { monaco, themeFor } from './setup';
import { editorHandle } from './handle';

// JSON's language service (completion and validation from a JSON Schema) runs in its own worker.
const base = self.MonacoEnvironment;
self.MonacoEnvironment = {
  getWorker: (id: string, label: string) => (label === 'json' ? new JsonWorker() : base!.getWorker!(id, label)),
};

export default function JsonEditorImpl({ path, defaultValue, label, schema, onChange, onReady, height = '16rem' }: JsonEditorProps) {
  const scheme = useColorScheme();
  const uri = useMemo(() => monaco.Uri.parse(`inmemory://caracal/${path}`).toString(), [path]);

  useEffect(() => {
    if (!schema) return;
    const others = (json.jsonDefaults.diagnosticsOptions.schemas ?? []).filter((s) => !s.fileMatch?.includes(uri));
    json.jsonDefaults.setDiagnosticsOptions({
      validate: true,
      allowComments: false,
      schemas: [...others, { uri: `inmemory://caracal/schemas/${path}.json`, fileMatch: [uri], schema }],
    });
  }, [schema, uri, path]);

  const options = useMemo<monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      ariaLabel: label,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 2,
      scrollBeyondLastLine: false,
      automaticLayout: true,
      fixedOverflowWidgets: true,
      renderFinalNewline: 'on',
      // A short JSON input sits between form controls: Tab moves on (Enter indents), so the
      // keyboard is never trapped in it.
      tabFocusMode: true,
    }),
    [label],
  );
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const handleChange = useCallback((value: string | undefined) => onChangeRef.current?.(value ?? ''), []);
  const handleMount: OnMount = (mounted) =>
    onReady?.(editorHandle(mounted, 'replace'));

  return (
    <div className="editor-frame" data-editor-ready="true">
      <Editor
        path={uri}
        defaultValue={defaultValue}
        defaultLanguage="json"
        language="json"
        height={height}
        theme={themeFor(scheme)}
        loading={<span role="status">Loading editor…</span>}
        onMount={handleMount}
        onChange={handleChange}
        options={options}
      />
    </div>
  );
}
