import type { RegoError } from '../../api/schemas';

/** Monaco's MarkerSeverity values, without importing Monaco into pure code. */
export const MARKER_ERROR = 8;
export const MARKER_WARNING = 4;

export interface RegoMarker {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  message: string;
  severity: number;
  code: string;
  source: string;
}

/**
 * Engine errors (1-based row/col; row 0 means "no location") → editor markers. The marker spans
 * the token at the reported column so the squiggle sits exactly under what the engine named;
 * rows past the end of the text are clamped to the last line.
 */
export function toMarkers(errors: readonly RegoError[], lines: readonly string[], severity = MARKER_ERROR): RegoMarker[] {
  const lastLine = Math.max(lines.length, 1);
  return errors.map((error) => {
    const row = Math.min(Math.max(error.row, 1), lastLine);
    const text = lines[row - 1] ?? '';
    const col = error.row < 1 ? 1 : Math.min(Math.max(error.col, 1), text.length + 1);
    const token = /^[\w.]+|^\S/.exec(text.slice(col - 1));
    const endColumn = token ? col + token[0].length : Math.max(text.length + 1, col + 1);
    return {
      startLineNumber: row,
      startColumn: col,
      endLineNumber: row,
      endColumn,
      message: error.message,
      severity,
      code: error.code,
      source: 'OPA',
    };
  });
}
