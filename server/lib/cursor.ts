import { ApiError } from '../errors.ts';

/** Opaque keyset cursor: the sort value and id of the last row of the previous page. */
export function encodeCursor(value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): [string | number, string] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && (typeof v[0] === 'string' || typeof v[0] === 'number') && typeof v[1] === 'string') {
      return [v[0], v[1]];
    }
  } catch {
    /* fall through */
  }
  throw new ApiError(400, 'invalid_query', 'The cursor is not one this server issued; start again without it.');
}

/** Fetches limit+1 rows and turns the extra one into next_cursor. */
export function page<T extends { id: string }>(rows: T[], limit: number, key: (r: T) => string | number) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > limit && last ? encodeCursor(key(last), last.id) : null };
}
