import { useState } from 'react';

/** Copies `text` and says so in a live region (or says to copy by hand when the browser refuses). */
export function CopyButton({ text, label, name }: { text: string; label: string; name?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" aria-label={name} onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="muted">
        {state === 'copied' ? ' Copied.' : state === 'failed' ? ' Could not copy: select the text and copy it.' : ''}
      </span>
    </>
  );
}
