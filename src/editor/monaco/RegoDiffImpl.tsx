import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useColorScheme } from '../../components/useColorScheme';
import type { RegoDiffEditorProps } from '../types';
import { themeFor } from './setup';

export default function RegoDiffImpl({ original, modified, originalLabel, modifiedLabel, height = '60vh' }: RegoDiffEditorProps) {
  const scheme = useColorScheme();
  // The diff's two inner editors need their own accessible names and the same options as ours.
  const onMount: DiffOnMount = (diff) => {
    const shared = { renderFinalNewline: 'on' as const, minimap: { enabled: false } };
    diff.getOriginalEditor().updateOptions({ ...shared, ariaLabel: originalLabel });
    diff.getModifiedEditor().updateOptions({ ...shared, ariaLabel: modifiedLabel });
  };
  return (
    <div className="editor-frame" data-editor-ready="true">
      <DiffEditor
        original={original}
        modified={modified}
        language="rego"
        height={height}
        theme={themeFor(scheme)}
        loading={<span role="status">Loading diff…</span>}
        onMount={onMount}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          automaticLayout: true,
          scrollBeyondLastLine: false,
          originalAriaLabel: originalLabel,
          modifiedAriaLabel: modifiedLabel,
        }}
      />
    </div>
  );
}
