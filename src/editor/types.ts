import type { Builtin, RegoError } from '../api/schemas';

/** What a screen may do with a mounted editor; the text lives in Monaco, not in React state. */
export interface EditorHandle {
  getValue(): string;
  /** Replace the whole text as one undoable edit (Format uses this). */
  replaceAll(text: string): void;
  revealLine(line: number, column?: number): void;
  focus(): void;
}

export interface RegoEditorProps {
  /** Model URI path; one per policy version, so undo history never leaks between versions. */
  path: string;
  defaultValue: string;
  /** Accessible name of the editor's text area. */
  label: string;
  readOnly?: boolean;
  onChange?: (text: string) => void;
  errors?: readonly RegoError[];
  /** Strict-mode findings that do not stop compilation. */
  warnings?: readonly RegoError[];
  coverage?: { covered: readonly number[]; notCovered: readonly number[] } | null;
  builtins?: readonly Builtin[];
  onReady?: (handle: EditorHandle) => void;
  /** Ctrl/Cmd+S inside the editor (instead of the browser's "save page"). */
  onSave?: () => void;
  height?: string;
}

export interface RegoDiffEditorProps {
  original: string;
  modified: string;
  originalLabel: string;
  modifiedLabel: string;
  height?: string;
}

export interface JsonEditorProps {
  /** Model name; one per document, e.g. `simulate/<setId>/input.json`. */
  path: string;
  defaultValue: string;
  /** Accessible name of the editor's text area. */
  label: string;
  /** JSON Schema for completion, hover and validation of this document. */
  schema?: object;
  onChange?: (text: string) => void;
  onReady?: (handle: EditorHandle) => void;
  /** Ctrl/Cmd+S inside the editor (instead of the browser's "save page"). */
  onSave?: () => void;
  height?: string;
}
