// The STS signing keys in the store (see signing-keys.ts for rotation rules).
import type { Db } from '../db/types.ts';
import type { SigningKeyRecord, SigningKeyStore } from './signing-keys.ts';

export class SigningKeysRepo implements SigningKeyStore {
  constructor(private readonly db: Db) {}

  list() {
    return this.db.all<SigningKeyRecord>('SELECT kid, private_jwk, public_jwk, created_at, retired_at FROM sts_signing_keys');
  }

  async insert(r: SigningKeyRecord) {
    await this.db.run(
      'INSERT INTO sts_signing_keys (kid, private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?)',
      [r.kid, r.private_jwk, r.public_jwk, r.created_at, r.retired_at],
    );
  }

  async retire(kid: string, at: string) {
    await this.db.run('UPDATE sts_signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL', [at, kid]);
  }
}
