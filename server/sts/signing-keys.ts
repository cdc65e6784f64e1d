// ES256 signing keys for STS tokens. Keys live in the store (never in logs or responses other than
// their public half); the newest unretired key signs. Rotation retires the current key but keeps it
// in the JWKS until every token it could have signed has expired.
import { createPrivateKey, randomUUID, sign as cryptoSign, type KeyObject } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type JWTVerifyResult,
} from 'jose';

export interface SigningKeyRecord {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
  retired_at: string | null;
}

export interface SigningKeyStore {
  list(): Promise<SigningKeyRecord[]>;
  insert(rec: SigningKeyRecord): Promise<void>;
  retire(kid: string, at: string): Promise<void>;
}

export interface KeyRingOptions {
  /** Lifetime of the longest token a key can sign; a retired key stays published this long (+ skew). */
  maxTokenTtlSec: number;
  /** Rotate when the signing key is older than this. */
  rotateAfterMs?: number;
  clockSkewSec?: number;
  now?: () => Date;
}

interface LoadedKey {
  rec: SigningKeyRecord;
  privateKey: KeyObject;
  publicJwk: JWK;
}

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export class KeyRing {
  private keys: LoadedKey[] = [];
  private jwksCache: { keys: JWK[] } | null = null;
  /** Verifier over the published keys; rebuilt with the JWKS so imported keys are reused. */
  private verifierCache: { jwks: { keys: JWK[] }; set: ReturnType<typeof createLocalJWKSet> } | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly store: SigningKeyStore,
    private readonly opts: KeyRingOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Loads keys from the store, creating the first one (or rotating a stale one) when needed. */
  async init(): Promise<void> {
    await this.maintain();
  }

  /**
   * Reloads from the store (so keys another replica created, and retirements, are seen), then
   * rotates when the signing key is older than rotateAfterMs. Run at start and periodically.
   */
  async maintain(): Promise<void> {
    await this.reload();
    const active = this.active();
    const tooOld =
      active && this.opts.rotateAfterMs !== undefined &&
      this.now().getTime() - Date.parse(active.rec.created_at) > this.opts.rotateAfterMs;
    if (!active || tooOld) await this.rotate();
  }

  async reload(): Promise<void> {
    const recs = await this.store.list();
    const loaded: LoadedKey[] = [];
    for (const rec of recs) {
      const privateKey = createPrivateKey({ key: JSON.parse(rec.private_jwk) as JWK & { kty: string }, format: 'jwk' });
      loaded.push({ rec, privateKey, publicJwk: JSON.parse(rec.public_jwk) as JWK });
    }
    loaded.sort((a, b) => (a.rec.created_at < b.rec.created_at ? 1 : -1));
    this.keys = loaded;
    this.jwksCache = null;
  }

  /** Creates a new signing key and retires the previous one (it stays published until its tokens expire). */
  async rotate(): Promise<string> {
    const previous = this.active();
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
    const at = this.now().toISOString();
    await this.store.insert({
      kid,
      private_jwk: JSON.stringify(privateJwk),
      public_jwk: JSON.stringify(publicJwk),
      created_at: at,
      retired_at: null,
    });
    if (previous) await this.store.retire(previous.rec.kid, at);
    await this.reload();
    return kid;
  }

  private active(): LoadedKey | undefined {
    return this.keys.find((k) => k.rec.retired_at === null);
  }

  /** Public keys of the signing key and of retired keys whose tokens may still be valid. */
  jwks(): { keys: JWK[] } {
    if (this.jwksCache) return this.jwksCache;
    const graceMs = (this.opts.maxTokenTtlSec + (this.opts.clockSkewSec ?? 60)) * 1000;
    const now = this.now().getTime();
    const keys = this.keys
      .filter((k) => k.rec.retired_at === null || Date.parse(k.rec.retired_at) + graceMs > now)
      .map((k) => k.publicJwk);
    // Cached until the next reload/rotate; retired keys age out at the next reload.
    this.jwksCache = { keys };
    return this.jwksCache;
  }

  /**
   * Signs with node:crypto directly (one synchronous ECDSA P-256 signature, IEEE P1363 encoding as
   * JWS requires): several times cheaper per token than WebCrypto on the STS hot path.
   */
  async sign(claims: JWTPayload, ttlSec: number): Promise<string> {
    const key = this.active();
    if (!key) throw new Error('no signing key: KeyRing.init() was not called');
    const iat = Math.floor(this.now().getTime() / 1000);
    const header = b64url(JSON.stringify({ alg: 'ES256', kid: key.rec.kid, typ: 'at+jwt' }));
    const payload = b64url(JSON.stringify({ ...claims, iat, exp: iat + Math.min(ttlSec, this.opts.maxTokenTtlSec) }));
    const signature = cryptoSign('sha256', Buffer.from(`${header}.${payload}`), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${header}.${payload}.${signature.toString('base64url')}`;
  }

  /** Verifies a token this STS issued: ES256 only, our issuer, unexpired, signed by a published key. */
  private verifier() {
    const jwks = this.jwks();
    if (this.verifierCache?.jwks !== jwks) this.verifierCache = { jwks, set: createLocalJWKSet(jwks) };
    return this.verifierCache.set;
  }

  async verify(token: string, issuer: string): Promise<JWTVerifyResult> {
    const opts = { algorithms: ['ES256'], issuer, currentDate: this.now(), clockTolerance: 5 };
    try {
      return await jwtVerify(token, this.verifier(), opts);
    } catch (err) {
      // Another replica may have rotated: reload once when the kid is unknown to us.
      if ((err as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY') throw err;
      await this.reload();
      return jwtVerify(token, this.verifier(), opts);
    }
  }
}

/** In-memory store for unit tests and benchmarks that do not need persistence. */
export class MemorySigningKeyStore implements SigningKeyStore {
  rows: SigningKeyRecord[] = [];
  async list() {
    return this.rows.map((r) => ({ ...r }));
  }
  async insert(rec: SigningKeyRecord) {
    this.rows.push({ ...rec });
  }
  async retire(kid: string, at: string) {
    const r = this.rows.find((x) => x.kid === kid);
    if (r && !r.retired_at) r.retired_at = at;
  }
}
