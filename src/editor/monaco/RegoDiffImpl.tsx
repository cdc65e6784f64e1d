import { DiffEditor } from '@monaco-editor/react';
import { useColorScheme } from '../../components/useColorScheme';
import type { RegoDiffEditorProps } from '../types';
import './setup';

export default function RegoDiffImpl({ original, modified, originalLabel, modifiedLabel, height = '60vh' }: RegoDiffEditorProps) {
  const scheme = useColorScheme();
  return (
    <div className="editor-frame" data-editor-ready="true">
      <DiffEditor
        original={original}
        modified={modified}
        language="rego"
        height={height}
        theme={scheme === 'dark' ? 'vs-dark' : 'vs'}
        loading={<span role="status">Loading diff…</span>}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          minimap: { enabled: false },
          automaticLayout: true,
          scrollBeyondLastLine: false,
          originalAriaLabel: originalLabel,
          modifiedAriaLabel: modifiedLabel,
        }}
      />
    </div>
  );
}
