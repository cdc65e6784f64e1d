/**
 * The editor's public face. Monaco (~1 MiB gzip) loads only when one of these renders, so the
 * entry chunk stays small; everything Monaco-specific lives under ./monaco.
 */
import { lazy } from 'react';

export const RegoEditor = lazy(() => import('./monaco/RegoEditorImpl'));
export const RegoDiffEditor = lazy(() => import('./monaco/RegoDiffImpl'));
/** Monaco in JSON mode with a JSON Schema (simulation inputs). */
export const JsonEditor = lazy(() => import('./monaco/JsonEditorImpl'));

/** Start fetching Monaco early (e.g. on hover of a policy link). */
export function preloadEditor() {
  void import('./monaco/RegoEditorImpl');
}

/**
 * Fetch and parse Monaco once the browser is idle (after the current screen has rendered), so
 * opening a policy from a list does not wait for ~1 MiB of editor code. Returns a cancel function.
 */
export function preloadEditorWhenIdle(): () => void {
  if (typeof window.requestIdleCallback !== 'function') {
    const timer = window.setTimeout(preloadEditor, 1500);
    return () => window.clearTimeout(timer);
  }
  const id = window.requestIdleCallback(preloadEditor, { timeout: 4000 });
  return () => window.cancelIdleCallback(id);
}

export type { EditorHandle, JsonEditorProps, RegoDiffEditorProps, RegoEditorProps } from './types';
