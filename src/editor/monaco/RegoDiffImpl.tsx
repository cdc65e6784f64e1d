import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useMemo, useRef } from 'react';
import { useColorScheme } from '../../components/useColorScheme';
import type { RegoDiffEditorProps } from '../types';
import { themeFor } from './setup';

type Diff = Parameters<DiffOnMount>[0];

export default function RegoDiffImpl({ original, modified, originalLabel, modifiedLabel, height = '60vh' }: RegoDiffEditorProps) {
  const scheme = useColorScheme();
  const diffRef = useRef<Diff | null>(null);
  // The diff's two inner editors need their own accessible names and the same options as ours.
  // The wrapper pushes `options` into the diff editor again on updates, which drops the inner
  // editors' labels, so they are applied on mount and after every render (child effects run first).
  const applyInner = () => {
    const diff = diffRef.current;
    if (!diff) return;
    const shared = { renderFinalNewline: 'on' as const, minimap: { enabled: false } };
    diff.getOriginalEditor().updateOptions({ ...shared, ariaLabel: originalLabel });
    diff.getModifiedEditor().updateOptions({ ...shared, ariaLabel: modifiedLabel });
  };
  const onMount: DiffOnMount = (diff) => {
    diffRef.current = diff;
    applyInner();
  };
  useEffect(applyInner);
  const options = useMemo(
    () => ({
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      automaticLayout: true,
      scrollBeyondLastLine: false,
      originalAriaLabel: originalLabel,
      modifiedAriaLabel: modifiedLabel,
    }),
    [originalLabel, modifiedLabel],
  );
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
        options={options}
      />
    </div>
  );
}
