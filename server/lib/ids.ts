import { createHash, randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

export const newId = (): string => v7();
export const nowIso = (): string => new Date().toISOString();
export const sha256hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
/** 256 random bits, URL-safe; stored only as SHA-256 (cheap to verify, useless if the table leaks). */
export const randomSecret = (prefix: string): string => prefix + randomBytes(32).toString('base64url');
