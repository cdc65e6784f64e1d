import { useRef, useState } from 'react';
import { ErrorText } from '../../components/ErrorPanel';
import { exportDecisions, type ExportProgress, type ExportSink } from '../api/exportStream';

type SavePicker = (options: { suggestedName: string }) => Promise<{
  createWritable(): Promise<{ write(data: BufferSource): Promise<void>; close(): Promise<void> }>;
}>;
import type { AuditFilters } from '../filters';

/** Export of every row matching the current filter, streamed, with a running count. */
export function ExportDecisions({ zoneId, filters }: { zoneId: string; filters: AuditFilters }) {
  const [format, setFormat] = useState<'csv' | 'ndjson'>('csv');
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [state, setState] = useState<'idle' | 'running' | 'done' | 'failed'>('idle');
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    // Where the browser can write straight to a file (Chromium's File System Access), the rows stream
    // to disk and a million of them never sit in memory; elsewhere (and under automation, which
    // cannot answer the save dialog) they are assembled into one download at the end.
    let sink: ExportSink | undefined;
    const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
    if (typeof picker === 'function' && !navigator.webdriver) {
      try {
        const handle = await picker({ suggestedName: `audit-${new Date().toISOString().slice(0, 10)}.${format}` });
        const writable = await handle.createWritable();
        sink = { write: (chunk) => writable.write(chunk as BufferSource), close: () => writable.close() };
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') return; // the reader closed the dialog
        sink = undefined;
      }
    }
    abort.current = new AbortController();
    setState('running');
    setError(null);
    setProgress({ rows: 0, bytes: 0 });
    try {
      const { blob, filename } = await exportDecisions(zoneId, filters, format, setProgress, abort.current.signal, sink);
      if (!blob) return setState('done');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('done');
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setState('idle');
      else {
        setError(e);
        setState('failed');
      }
    }
  };

  return (
    <div className="audit-export">
      <label>
        Export format
        <select value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'ndjson')} disabled={state === 'running'}>
          <option value="csv">CSV</option>
          <option value="ndjson">NDJSON</option>
        </select>
      </label>
      {state === 'running' ? (
        <button type="button" onClick={() => abort.current?.abort()}>
          Cancel export
        </button>
      ) : (
        <button type="button" onClick={() => void start()}>
          Export
        </button>
      )}
      <div role="status" aria-live="polite">
        {state === 'running' && progress && <span>Exporting… {progress.rows.toLocaleString()} rows so far</span>}
        {state === 'done' && progress && <span>Exported {progress.rows.toLocaleString()} rows.</span>}
        {state === 'failed' && <ErrorText error={error} />}
      </div>
    </div>
  );
}
