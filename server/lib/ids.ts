import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// uuid draws 16 bytes from WebCrypto for every id; the STS mints two ids per token request, so one
// 4 KiB draw per 256 ids is cheaper. The bytes are consumed synchronously by v7, before any refill.
const pool = new Uint8Array(4096);
let taken = pool.length;
function pooledRandom16(): Uint8Array {
  if (taken + 16 > pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  return pool.subarray(taken, (taken += 16));
}

export const newId = (): string => v7({ rng: pooledRandom16 });
export const nowIso = (): string => new Date().toISOString();
export const sha256hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
/** 256 random bits, URL-safe; stored only as SHA-256 (cheap to verify, useless if the table leaks). */
export const randomSecret = (prefix: string): string => prefix + randomBytes(32).toString('base64url');
