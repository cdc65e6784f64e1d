// Opaque keyset cursor over (occurred_at, id) DESC. Garbage in → null, which the route turns into 400.
export interface KeysetPosition {
  occurred_at: string;
  id: string;
}

export function encodeCursor(pos: KeysetPosition): string {
  return Buffer.from(JSON.stringify([pos.occurred_at, pos.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || typeof v[1] !== 'string') return null;
    if (Number.isNaN(Date.parse(v[0])) || v[1].length > 128) return null;
    return { occurred_at: v[0], id: v[1] };
  } catch {
    return null;
  }
}
