import mermaid from 'mermaid';
import { useEffect, useId, useState } from 'react';
import { useColorScheme } from '../useColorScheme';
import type { MermaidDiagramProps } from './index';
import './mermaid.css';

let initializedFor: string | null = null;

/** startOnLoad off (we render on demand), strict security (no HTML labels, no click scripts), dagre layout. */
function ensureInitialized(scheme: 'light' | 'dark') {
  if (initializedFor === scheme) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    layout: 'dagre',
    theme: scheme === 'dark' ? 'dark' : 'neutral',
    flowchart: { htmlLabels: false },
  });
  initializedFor = scheme;
}

type State = { status: 'rendering' } | { status: 'done'; svg: string } | { status: 'failed'; message: string };

export default function MermaidImpl({ text, label }: MermaidDiagramProps) {
  const scheme = useColorScheme();
  const id = `mermaid-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [state, setState] = useState<State>({ status: 'rendering' });

  useEffect(() => {
    let cancelled = false;
    ensureInitialized(scheme);
    mermaid
      .render(id, text)
      .then(({ svg }) => !cancelled && setState({ status: 'done', svg }))
      .catch((error: unknown) => {
        if (cancelled) return;
        setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
        // mermaid leaves its error graphic in the body when rendering fails.
        document.getElementById(`d${id}`)?.remove();
      });
    return () => {
      cancelled = true;
    };
  }, [id, text, scheme]);

  if (state.status === 'failed') {
    return (
      <p role="alert" className="error-text">
        The diagram could not be drawn: {state.message}
      </p>
    );
  }
  if (state.status === 'rendering') {
    return (
      <div className="mermaid-frame" role="status">
        Drawing the diagram…
      </div>
    );
  }
  // securityLevel 'strict' makes mermaid sanitise the SVG it returns (DOMPurify), so it is safe to insert.
  return <div className="mermaid-frame" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: state.svg }} />;
}
