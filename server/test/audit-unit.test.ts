// Unit tests of the audit building blocks that need no server: canonical JSON, the hash chain,
// the group-commit writer, CSV/NDJSON export and the keyset cursor.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../audit/canonical-json.ts';
import { decodeCursor, encodeCursor } from '../audit/cursor.ts';
import { csvField, exportStream } from '../audit/export-stream.ts';
import { GroupCommitWriter } from '../audit/group-commit.ts';
import { ChainVerifier, GENESIS_HASH, eventHash, type StoredChainRow } from '../audit/hash-chain.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
  });
});

function chain(n: number): StoredChainRow[] {
  const rows: StoredChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      id: `e${i}`, zone_id: 'z', seq: i, event_type: 'token_exchange', request_id: `r${i}`, decision: 'deny',
      evaluation_status: 'complete', application_id: 'a', policy_set_id: 'ps', policy_set_version_id: 'v',
      manifest_sha: 'm', resource: 'resource://x', determining_policies: [], diagnostics: [{ reason: 'no_rule_matched' }],
      metadata: { latency_ms: 1 }, input: { a: i }, occurred_at: new Date(1e12 + i).toISOString(), prev_hash: prev,
    };
    const hash = eventHash(fields);
    rows.push({ ...fields, hash });
    prev = hash;
  }
  return rows;
}

function verify(rows: StoredChainRow[], head: { seq: number; hash: string } | null) {
  const v = new ChainVerifier();
  for (const r of rows) if (!v.push(r)) break;
  return v.finish(head);
}

describe('hash chain', () => {
  const rows = chain(5);
  const head = { seq: 5, hash: rows[4].hash };
  it('accepts an intact chain', () => {
    expect(verify(rows, head)).toEqual({ ok: true, checked: 5 });
  });
  it('names the altered event', () => {
    const altered = rows.map((r) => (r.seq === 3 ? { ...r, decision: 'allow' } : r));
    expect(verify(altered, head)).toMatchObject({ ok: false, first_bad_event_id: 'e3' });
  });
  it('names the event after a deleted one', () => {
    expect(verify(rows.filter((r) => r.seq !== 2), head)).toMatchObject({ ok: false, first_bad_event_id: 'e3' });
  });
  it('notices a deleted newest event through the chain head', () => {
    const v = verify(rows.slice(0, 4), head);
    expect(v.ok).toBe(false);
    expect(v).toMatchObject({ first_bad_event_id: null });
  });
});

describe('GroupCommitWriter', () => {
  it('answers every caller only after its batch was written, in few batches', async () => {
    const written: number[] = [];
    const w = new GroupCommitWriter<number>(async (items) => {
      await new Promise((r) => setTimeout(r, 5));
      written.push(...items);
    }, { windowMs: 2 });
    const done = await Promise.all(
      Array.from({ length: 100 }, (_, i) => w.write(i).then(() => written.includes(i))),
    );
    expect(done.every(Boolean)).toBe(true);
    expect(written).toHaveLength(100);
    expect(w.batches).toBeLessThanOrEqual(3);
  });
  it('rejects every caller of a failed batch and recovers for the next', async () => {
    let fail = true;
    const w = new GroupCommitWriter<number>(() => {
      if (fail) throw new Error('disk full');
    });
    const results = await Promise.allSettled([w.write(1), w.write(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(w.write(3)).resolves.toBeUndefined();
  });
});

describe('export', () => {
  it('quotes CSV fields and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField([{ a: 1 }])).toBe('"[{""a"":1}]"');
    expect(csvField(null)).toBe('');
  });
  it('streams every page, header first', async () => {
    const pagesServed: (string | null)[] = [];
    const row = (i: number) => ({
      id: `e${i}`, zone_id: 'z', event_type: 't', request_id: 'r', decision: 'allow', policy_set_id: null,
      policy_set_version_id: null, manifest_sha: null, evaluation_status: 'complete', determining_policies_json: [],
      diagnostics_json: [], metadata_json: {}, occurred_at: 'x', ingested_at: 'y',
    });
    const stream = exportStream('csv', async (cursor) => {
      pagesServed.push(cursor);
      const start = cursor ? Number(cursor) : 0;
      return { items: [row(start), row(start + 1)], next_cursor: start < 4 ? String(start + 2) : null };
    });
    let text = '';
    for await (const chunk of stream) text += chunk;
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,zone_id,event_type/);
    expect(lines).toHaveLength(7);
    expect(pagesServed).toEqual([null, '2', '4']);
  });
});

describe('cursor', () => {
  it('round-trips and rejects junk', () => {
    const c = encodeCursor({ occurred_at: '2026-12-04T10:00:00.000Z', id: 'abc' });
    expect(decodeCursor(c)).toEqual({ occurred_at: '2026-12-04T10:00:00.000Z', id: 'abc' });
    expect(decodeCursor('not-a-cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('["nope","x"]').toString('base64url'))).toBeNull();
  });
});
