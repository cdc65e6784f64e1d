-- STS clients. The secret is stored only as HMAC-SHA256(salt, secret); disabling keeps the row.
CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL REFERENCES zones(id),
  name TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  secret_salt TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  labels_json TEXT NOT NULL DEFAULT '[]',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  disabled_at TEXT
);
CREATE UNIQUE INDEX applications_live_name ON applications (zone_id, name) WHERE disabled_at IS NULL;
CREATE INDEX applications_by_created ON applications (zone_id, created_at, id);

-- ES256 signing keys of the STS. The private half never leaves the store except to sign.
CREATE TABLE sts_signing_keys (
  kid TEXT PRIMARY KEY,
  private_jwk TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
