-- Timestamps are RFC 3339 UTC text with milliseconds (sorts correctly); JSON is text.
CREATE TABLE zones (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  settings_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE policies (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL REFERENCES zones(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  latest_version INTEGER NOT NULL DEFAULT 0,
  archived_at TEXT,
  UNIQUE (id, zone_id)
);
CREATE UNIQUE INDEX policies_live_name ON policies (zone_id, name) WHERE archived_at IS NULL;
CREATE INDEX policies_by_created ON policies (zone_id, created_at, id);
CREATE INDEX policies_by_updated ON policies (zone_id, updated_at, id);
CREATE INDEX policies_by_name ON policies (zone_id, name, id);

CREATE TABLE policy_versions (
  id TEXT PRIMARY KEY,
  policy_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  content TEXT NOT NULL,
  content_sha256 TEXT NOT NULL,
  schema_version TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (policy_id, version),
  UNIQUE (id, zone_id),
  FOREIGN KEY (policy_id, zone_id) REFERENCES policies (id, zone_id)
);

CREATE TABLE policy_sets (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL REFERENCES zones(id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  latest_version INTEGER NOT NULL DEFAULT 0,
  archived_at TEXT,
  UNIQUE (id, zone_id)
);
CREATE UNIQUE INDEX policy_sets_live_name ON policy_sets (zone_id, name) WHERE archived_at IS NULL;
CREATE INDEX policy_sets_by_created ON policy_sets (zone_id, created_at, id);

CREATE TABLE policy_set_versions (
  id TEXT PRIMARY KEY,
  policy_set_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  manifest_json TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  schema_version TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (policy_set_id, version),
  UNIQUE (id, zone_id),
  UNIQUE (id, policy_set_id, zone_id),
  FOREIGN KEY (policy_set_id, zone_id) REFERENCES policy_sets (id, zone_id)
);

CREATE TABLE policy_set_version_entries (
  policy_set_version_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  policy_version_id TEXT NOT NULL,
  policy_id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  PRIMARY KEY (policy_set_version_id, position),
  UNIQUE (policy_set_version_id, policy_version_id),
  FOREIGN KEY (policy_set_version_id, zone_id) REFERENCES policy_set_versions (id, zone_id),
  FOREIGN KEY (policy_version_id, zone_id) REFERENCES policy_versions (id, zone_id)
);
CREATE INDEX entries_by_policy ON policy_set_version_entries (policy_id);

-- The active pointer: at most one per zone, and the version it names belongs to that zone and set.
CREATE TABLE active_pointers (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL REFERENCES zones(id),
  policy_set_id TEXT NOT NULL,
  policy_set_version_id TEXT NOT NULL,
  activation_id TEXT NOT NULL,
  activated_at TEXT NOT NULL,
  activated_by TEXT NOT NULL,
  FOREIGN KEY (policy_set_version_id, policy_set_id, zone_id) REFERENCES policy_set_versions (id, policy_set_id, zone_id)
);
CREATE UNIQUE INDEX active_pointers_one_per_zone ON active_pointers (zone_id);

CREATE TABLE activations (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL REFERENCES zones(id),
  policy_set_id TEXT NOT NULL,
  from_version_id TEXT,
  to_version_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  actor_token_id TEXT,
  reason TEXT NOT NULL DEFAULT '',
  approved_by TEXT,
  activation_request_id TEXT,
  request_id TEXT,
  occurred_at TEXT NOT NULL,
  FOREIGN KEY (to_version_id, policy_set_id, zone_id) REFERENCES policy_set_versions (id, policy_set_id, zone_id)
);
CREATE INDEX activations_by_zone ON activations (zone_id, occurred_at, id);

CREATE TABLE activation_requests (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL REFERENCES zones(id),
  policy_set_id TEXT NOT NULL,
  version_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by TEXT NOT NULL,
  requested_by_token_id TEXT,
  requested_at TEXT NOT NULL,
  decided_by TEXT,
  decided_by_token_id TEXT,
  decided_at TEXT,
  comment TEXT,
  activation_id TEXT,
  FOREIGN KEY (version_id, policy_set_id, zone_id) REFERENCES policy_set_versions (id, policy_set_id, zone_id)
);
CREATE INDEX activation_requests_by_zone ON activation_requests (zone_id, requested_at, id);

CREATE TABLE admin_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'author', 'reviewer', 'auditor')),
  zone_id TEXT REFERENCES zones(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  token_id TEXT NOT NULL REFERENCES admin_tokens(id),
  secret_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE login_codes (
  id TEXT PRIMARY KEY,
  token_id TEXT NOT NULL REFERENCES admin_tokens(id),
  code_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);

CREATE TABLE admin_audit (
  id TEXT PRIMARY KEY,
  zone_id TEXT,
  actor TEXT NOT NULL,
  actor_token_id TEXT,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT,
  status TEXT NOT NULL,
  request_id TEXT NOT NULL,
  details_json TEXT NOT NULL DEFAULT '{}',
  occurred_at TEXT NOT NULL
);
CREATE INDEX admin_audit_by_zone ON admin_audit (zone_id, occurred_at, id);

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- History is immutable in the database itself: no UPDATE or DELETE of version rows,
-- manifests, activation history or the admin audit, whatever the application does.
CREATE TRIGGER policy_versions_immutable_u BEFORE UPDATE ON policy_versions
BEGIN SELECT RAISE(ABORT, 'policy versions are immutable'); END;
CREATE TRIGGER policy_versions_immutable_d BEFORE DELETE ON policy_versions
BEGIN SELECT RAISE(ABORT, 'policy versions are immutable'); END;
CREATE TRIGGER policy_set_versions_immutable_u BEFORE UPDATE ON policy_set_versions
BEGIN SELECT RAISE(ABORT, 'policy-set versions are immutable'); END;
CREATE TRIGGER policy_set_versions_immutable_d BEFORE DELETE ON policy_set_versions
BEGIN SELECT RAISE(ABORT, 'policy-set versions are immutable'); END;
CREATE TRIGGER entries_immutable_u BEFORE UPDATE ON policy_set_version_entries
BEGIN SELECT RAISE(ABORT, 'policy-set manifests are immutable'); END;
CREATE TRIGGER entries_immutable_d BEFORE DELETE ON policy_set_version_entries
BEGIN SELECT RAISE(ABORT, 'policy-set manifests are immutable'); END;
CREATE TRIGGER activations_immutable_u BEFORE UPDATE ON activations
BEGIN SELECT RAISE(ABORT, 'activation history is append-only'); END;
CREATE TRIGGER activations_immutable_d BEFORE DELETE ON activations
BEGIN SELECT RAISE(ABORT, 'activation history is append-only'); END;
CREATE TRIGGER admin_audit_immutable_u BEFORE UPDATE ON admin_audit
BEGIN SELECT RAISE(ABORT, 'the admin audit is append-only'); END;
CREATE TRIGGER admin_audit_immutable_d BEFORE DELETE ON admin_audit
BEGIN SELECT RAISE(ABORT, 'the admin audit is append-only'); END;
