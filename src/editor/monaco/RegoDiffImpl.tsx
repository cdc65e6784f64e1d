import { DiffEditor, type DiffOnMount } from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useColorScheme } from '../../components/useColorScheme';
import type { RegoDiffEditorProps } from '../types';
import { themeFor } from './setup';

type Diff = Parameters<DiffOnMount>[0];

export default function RegoDiffImpl({ original, modified, originalLabel, modifiedLabel, height = '60vh' }: RegoDiffEditorProps) {
  const scheme = useColorScheme();
  const diffRef = useRef<Diff | null>(null);
  const [mounted, setMounted] = useState(false); // re-render once Monaco is up, so the effects below see it
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
    setMounted(true);
  };
  useEffect(applyInner);
  // Monaco's diff editor sometimes (re)creates an inner editor's edit-context textbox with an empty
  // aria-label whatever its options say (seen intermittently in the axe checks); name any such
  // textbox after its side for as long as the diff is shown.
  useEffect(() => {
    const diff = diffRef.current;
    const root = diff?.getContainerDomNode();
    if (!diff || !root) return;
    const nameTextboxes = () => {
      for (const [editor, label] of [
        [diff.getOriginalEditor(), originalLabel],
        [diff.getModifiedEditor(), modifiedLabel],
      ] as const) {
        editor.getDomNode()?.querySelectorAll('[role="textbox"]:not([aria-hidden="true"])').forEach((node) => {
          if (!node.getAttribute('aria-label')) node.setAttribute('aria-label', label);
        });
      }
    };
    nameTextboxes();
    const observer = new MutationObserver(nameTextboxes);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'role'] });
    return () => observer.disconnect();
  }, [mounted, originalLabel, modifiedLabel]);
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
