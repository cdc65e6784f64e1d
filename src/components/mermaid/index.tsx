/**
 * The console's one mermaid wrapper. mermaid (~0.2 MiB gzip with the dagre layout) loads only when
 * a diagram renders, so it never reaches the entry chunk. Wrap it in a RouteBoundary (or any
 * Suspense + error boundary) like every secondary panel.
 *
 *   <MermaidDiagram text={flowchartText} label="Versions and activations of set payments" />
 *
 * `label` names the image for screen readers; give the same facts as text or a table next to it,
 * since a diagram alone is not accessible.
 */
import { lazy } from 'react';

export interface MermaidDiagramProps {
  /** Mermaid source text (flowchart, sequence…). Labels must already be escaped by the caller. */
  text: string;
  /** Accessible name of the rendered image. */
  label: string;
}

export const MermaidDiagram = lazy(() => import('./MermaidImpl'));

/** Escapes text for a quoted mermaid label: `id["…"]`. Quotes and markup become entities. */
export function mermaidLabel(text: string): string {
  return text.replace(/[&"<>#]/g, (c) => `#${c.charCodeAt(0)};`);
}
