import type { OnMount } from '@monaco-editor/react';
import type { EditorHandle } from '../types';

type MountedEditor = Parameters<OnMount>[0];

/** The small surface screens get of a mounted Monaco editor; `source` names its undoable edits. */
export function editorHandle(editor: MountedEditor, source: string): EditorHandle {
  return {
    getValue: () => editor.getValue(),
    replaceAll(text) {
      const model = editor.getModel();
      if (!model) return;
      editor.pushUndoStop();
      editor.executeEdits(source, [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    },
    revealLine(line, column = 1) {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
    },
    focus: () => editor.focus(),
  };
}
