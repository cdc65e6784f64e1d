import Editor, { type OnMount } from '@monaco-editor/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useColorScheme } from '../../components/useColorScheme';
import { lineCoverage } from '../rego/coverage';
import { MARKER_WARNING, toMarkers } from '../rego/markers';
import type { RegoEditorProps } from '../types';
import { monaco, setBuiltinCatalogue, themeFor } from './setup';
import { editorHandle } from './handle';

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

export default function RegoEditorImpl(props: RegoEditorProps) {
  const { path, defaultValue, label, readOnly, onChange, onSave, errors, warnings, coverage, builtins, onReady, height = '60vh' } = props;
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const scheme = useColorScheme();

  useEffect(() => {
    if (builtins) setBuiltinCatalogue(builtins);
  }, [builtins]);

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    const lines = model.getLinesContent();
    monaco.editor.setModelMarkers(model, 'rego', [
      ...toMarkers(errors ?? [], lines),
      ...toMarkers(warnings ?? [], lines, MARKER_WARNING),
    ]);
  }, [editor, errors, warnings]);

  useEffect(() => {
    if (!editor) return;
    decorations.current ??= editor.createDecorationsCollection();
    const lines = coverage ? lineCoverage(coverage.covered, coverage.notCovered) : [];
    decorations.current.set(
      lines.map(({ line, covered }) => ({
        range: new monaco.Range(line, 1, line, 1),
        options: {
          isWholeLine: true,
          linesDecorationsClassName: covered ? 'coverage-covered' : 'coverage-uncovered',
          linesDecorationsTooltip: covered ? 'Covered by a test' : 'Not covered by any test',
        },
      })),
    );
  }, [editor, coverage]);

  // Stable props: @monaco-editor/react calls updateOptions / re-subscribes whenever these change,
  // which on every keystroke costs real time in a long policy.
  const options = useMemo<monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      ariaLabel: label,
      readOnly,
      minimap: { enabled: false },
      fontSize: 14,
      tabSize: 2,
      insertSpaces: false,
      scrollBeyondLastLine: false,
      automaticLayout: true,
      fixedOverflowWidgets: true,
      lineDecorationsWidth: 14,
      renderValidationDecorations: 'on',
      // The dimmed last line number fails WCAG contrast; show it like the others.
      renderFinalNewline: 'on',
    }),
    [label, readOnly],
  );
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onSaveRef = useRef(onSave);
  onSaveRef.current = onSave;
  const handleChange = useCallback((value: string | undefined) => onChangeRef.current?.(value ?? ''), []);

  const handleMount: OnMount = (mounted) => {
    setEditor(mounted);
    mounted.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current?.());
    onReady?.(editorHandle(mounted, 'format'));
  };

  return (
    <div className="editor-frame" data-editor-ready={editor ? 'true' : 'false'}>
      <Editor
        path={path}
        defaultValue={defaultValue}
        defaultLanguage="rego"
        language="rego"
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
