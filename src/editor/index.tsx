/**
 * The editor's public face. Monaco (~1 MiB gzip) loads only when one of these renders, so the
 * entry chunk stays small; everything Monaco-specific lives under ./monaco.
 */
import { lazy } from 'react';

export const RegoEditor = lazy(() => import('./monaco/RegoEditorImpl'));
export const RegoDiffEditor = lazy(() => import('./monaco/RegoDiffImpl'));

/** Start fetching Monaco early (e.g. on hover of a policy link). */
export function preloadEditor() {
  void import('./monaco/RegoEditorImpl');
}

export type { EditorHandle, RegoDiffEditorProps, RegoEditorProps } from './types';
