import { auditPaths } from '../../../contract/audit.ts';
import { ApiError } from '../../api/errors';
import { withQuery } from '../../api/paths';
import { filtersToApiQuery, type AuditFilters } from '../filters';

export interface ExportProgress {
  rows: number;
  bytes: number;
}

/**
 * Streams every row of the current filter as CSV or NDJSON, reporting rows as they arrive, and
 * returns the file. The one `fetch` outside api/client.ts: a streamed download is not a JSON
 * answer, so the client's parse-with-schema path does not fit; errors still become ApiError.
 */
/** Where the bytes go: a file on disk (File System Access) or, by default, memory (a Blob at the end). */
export interface ExportSink {
  write(chunk: Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
}

export async function exportDecisions(
  zoneId: string,
  filters: AuditFilters,
  format: 'csv' | 'ndjson',
  onProgress: (p: ExportProgress) => void,
  signal?: AbortSignal,
  sink?: ExportSink,
): Promise<{ blob: Blob | null; filename: string; rows: number }> {
  const url = withQuery(auditPaths.list(zoneId), { ...filtersToApiQuery(filters), format });
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok || !response.body) {
    const body = await response.json().catch(() => ({}));
    throw new ApiError({
      status: response.status,
      code: body.error ?? `http_${response.status}`,
      description: body.error_description ?? `The export failed with status ${response.status}.`,
      requestId: body.request_id ?? response.headers.get('x-request-id'),
    });
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `audit.${format}`;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let newlines = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (sink) await sink.write(value);
    else chunks.push(value);
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
    onProgress({ rows: format === 'csv' ? Math.max(0, newlines - 1) : newlines, bytes });
  }
  const rows = format === 'csv' ? Math.max(0, newlines - 1) : newlines;
  onProgress({ rows, bytes });
  if (sink) {
    await sink.close();
    return { blob: null, filename, rows };
  }
  const type = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  return { blob: new Blob(chunks as BlobPart[], { type }), filename, rows };
}
