import { useRef, useState } from 'react';
import { ErrorText } from '../../components/ErrorPanel';
import { exportDecisions, type ExportProgress } from '../api/exportStream';
import type { AuditFilters } from '../filters';

/** Export of every row matching the current filter, streamed, with a running count. */
export function ExportDecisions({ zoneId, filters }: { zoneId: string; filters: AuditFilters }) {
  const [format, setFormat] = useState<'csv' | 'ndjson'>('csv');
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [state, setState] = useState<'idle' | 'running' | 'done' | 'failed'>('idle');
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  const start = async () => {
    abort.current = new AbortController();
    setState('running');
    setError(null);
    setProgress({ rows: 0, bytes: 0 });
    try {
      const { blob, filename } = await exportDecisions(zoneId, filters, format, setProgress, abort.current.signal);
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
