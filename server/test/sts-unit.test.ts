// Unit tests of the STS building blocks that need no server: signing keys and JWKS, client
// secrets, the decision input and scope narrowing.
import { SignJWT, UnsecuredJWT, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateClientSecret, verifyClientSecret } from '../applications/client-secret.ts';
import { buildDecisionInput, scopesOutsideSubject } from '../sts/decision-input.ts';
import { EvaluationCoalescer } from '../sts/evaluation-coalescer.ts';
import { KeyRing, MemorySigningKeyStore } from '../sts/signing-keys.ts';

const ISS = 'http://127.0.0.1/oauth/2';

describe('KeyRing', () => {
  it('creates a key once, signs ES256 tokens that verify, and keeps private parts out of the JWKS', async () => {
    const store = new MemorySigningKeyStore();
    const ring = new KeyRing(store, { maxTokenTtlSec: 900 });
    await ring.init();
    await new KeyRing(store, { maxTokenTtlSec: 900 }).init();
    expect(store.rows).toHaveLength(1);
    const token = await ring.sign({ iss: ISS, sub: 's', scope: 'a' }, 300);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: store.rows[0].kid });
    const { payload } = await ring.verify(token, ISS);
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(JSON.stringify(ring.jwks())).not.toMatch(/"d":/);
  });

  it('keeps a retired key published until its tokens expire, then drops it', async () => {
    let now = new Date('2026-12-01T00:00:00Z');
    const store = new MemorySigningKeyStore();
    const ring = new KeyRing(store, { maxTokenTtlSec: 900, clockSkewSec: 0, now: () => now });
    await ring.init();
    const old = await ring.sign({ iss: ISS }, 900);
    await ring.rotate();
    expect(ring.jwks().keys).toHaveLength(2);
    await expect(ring.verify(old, ISS)).resolves.toBeTruthy();
    now = new Date(now.getTime() + 901_000);
    await ring.reload();
    expect(ring.jwks().keys).toHaveLength(1);
  });

  it('rejects expired, tampered, foreign-issuer, alg none and HS256 tokens', async () => {
    let now = new Date('2026-12-01T00:00:00Z');
    const ring = new KeyRing(new MemorySigningKeyStore(), { maxTokenTtlSec: 900, now: () => now });
    await ring.init();
    const good = await ring.sign({ iss: ISS, sub: 's' }, 60);
    const [h, p, s] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ iss: ISS, sub: 'admin', exp: 9e9 })).toString('base64url')}.${s}`;
    const foreign = await ring.sign({ iss: 'https://evil.example', sub: 's' }, 60);
    const none = new UnsecuredJWT({ iss: ISS, sub: 's' }).setExpirationTime('5m').encode();
    const hs = await new SignJWT({ iss: ISS, sub: 's' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    for (const bad of [tampered, foreign, none, hs]) await expect(ring.verify(bad, ISS)).rejects.toThrow();
    expect(p).toBeTruthy();
    now = new Date(now.getTime() + 120_000);
    await expect(ring.verify(good, ISS)).rejects.toThrow(/exp/);
  });
});

describe('client secrets', () => {
  it('verifies the right secret only', () => {
    const { secret, salt, hash } = generateClientSecret();
    expect(secret).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(verifyClientSecret(secret, salt, hash)).toBe(true);
    expect(verifyClientSecret(secret + 'x', salt, hash)).toBe(false);
    expect(verifyClientSecret('', salt, hash)).toBe(false);
  });
});

describe('decision input', () => {
  const application = { id: 'a1', zone_id: 'z1', name: 'billing', labels: ['team:payments'] };
  it('follows the contract and takes the time from the server clock', () => {
    const input = buildDecisionInput({ application, resource: 'resource://payments/api', scopes: ['read'], now: new Date('2026-12-04T10:00:00.123Z') });
    expect(input).toEqual({
      schema_version: '2026-05-20',
      principal: { type: 'Application', id: 'a1', zone_id: 'z1', name: 'billing', labels: ['team:payments'] },
      resource: { type: 'Resource', identifier: 'resource://payments/api', scopes: ['read'] },
      action: { id: 'TokenExchange' },
      context: { requested_scopes: ['read'], time: '2026-12-04T10:00:00.123Z' },
    });
  });
  it('adds subject_claims only for a token exchange', () => {
    const input = buildDecisionInput({ application, resource: 'resource://x', scopes: [], now: new Date(), subjectClaims: { sub: 's' } });
    expect(input.context.subject_claims).toEqual({ sub: 's' });
  });
  it('lists the scopes a token exchange would add', () => {
    expect(scopesOutsideSubject(['read'], 'read write')).toEqual([]);
    expect(scopesOutsideSubject(['read', 'admin'], 'read write')).toEqual(['admin']);
    expect(scopesOutsideSubject(['read'], undefined)).toEqual(['read']);
  });
});

describe('KeyRing.maintain', () => {
  it('rotates a signing key older than the rotation age and keeps the old one published', async () => {
    let now = new Date('2026-12-01T00:00:00Z');
    const store = new MemorySigningKeyStore();
    const ring = new KeyRing(store, { maxTokenTtlSec: 900, rotateAfterMs: 86_400_000, now: () => now });
    await ring.init();
    await ring.maintain();
    expect(store.rows).toHaveLength(1);
    now = new Date(now.getTime() + 86_400_001);
    await ring.maintain();
    expect(store.rows).toHaveLength(2);
    expect(store.rows.filter((r) => r.retired_at === null)).toHaveLength(1);
    expect(ring.jwks().keys).toHaveLength(2);
  });
});

describe('EvaluationCoalescer', () => {
  const allow = (n: number) => ({ decision: 'allow' as const, evaluation_status: 'complete', determining_policies: [{ policy: `p${n}` }], diagnostics: [] });
  const fakeBundles = () => {
    const calls: { key: string; inputs: unknown[] }[] = [];
    return {
      calls,
      evaluateBatch: async (v: { manifest_sha256: string }, inputs: unknown[]) => {
        calls.push({ key: v.manifest_sha256, inputs });
        if (v.manifest_sha256 === 'broken') throw new Error('engine down');
        return { results: inputs.map((i) => allow(i as number)), metrics: { eval_ms: 1, each_eval_ms: inputs.map((i) => (i as number) / 10) } };
      },
    };
  };
  const v = (sha: string) => ({ id: `v-${sha}`, manifest_sha256: sha });

  it('sends decisions that arrive together as one batch per version and gives each caller its own result', async () => {
    const bundles = fakeBundles();
    const c = new EvaluationCoalescer(bundles as never);
    const out = await Promise.all([c.evaluate(v('a'), 1), c.evaluate(v('b'), 2), c.evaluate(v('a'), 3)]);
    expect(bundles.calls).toEqual([
      { key: 'a', inputs: [1, 3] },
      { key: 'b', inputs: [2] },
    ]);
    expect(out.map((r) => [r.result.determining_policies[0].policy, r.eval_ms])).toEqual([
      ['p1', 0.1],
      ['p2', 0.2],
      ['p3', 0.3],
    ]);
    // A later request starts a new batch.
    await c.evaluate(v('a'), 4);
    expect(bundles.calls).toHaveLength(3);
  });

  it('fails every caller of a failed batch (the decider turns that into deny) and splits large groups', async () => {
    const bundles = fakeBundles();
    const c = new EvaluationCoalescer(bundles as never, 2);
    const broken = Promise.allSettled([c.evaluate(v('broken'), 1), c.evaluate(v('broken'), 2)]);
    const fine = Promise.all([1, 2, 3, 4, 5].map((i) => c.evaluate(v('a'), i)));
    expect((await broken).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await fine).map((r) => r.result.determining_policies[0].policy)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(bundles.calls.filter((x) => x.key === 'a').map((x) => x.inputs)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
