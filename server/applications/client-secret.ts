// Client secrets: 256 random bits shown once; the store keeps only a keyed hash (HMAC-SHA256 with a
// per-application salt). Verification is one HMAC and a constant-time compare: cheap per request,
// and a leaked table does not reveal usable secrets.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CLIENT_SECRET_PREFIX = 'cs_';

export function generateClientId(): string {
  return `app_${randomBytes(12).toString('base64url')}`;
}

export function generateClientSecret(): { secret: string; salt: string; hash: string } {
  const secret = CLIENT_SECRET_PREFIX + randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('base64url');
  return { secret, salt, hash: hashClientSecret(secret, salt) };
}

export function hashClientSecret(secret: string, salt: string): string {
  return createHmac('sha256', salt).update(secret).digest('base64url');
}

export function verifyClientSecret(presented: string, salt: string, storedHash: string): boolean {
  if (presented.length > 256) return false;
  const a = Buffer.from(hashClientSecret(presented, salt));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
