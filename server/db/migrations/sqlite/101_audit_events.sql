-- Decision audit: append-only, hash-chained per zone (seq 1..n, each hash covers prev_hash + the event).
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  request_id TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('allow', 'deny')),
  evaluation_status TEXT NOT NULL,
  application_id TEXT,
  resource TEXT,
  policy_set_id TEXT,
  policy_set_version_id TEXT,
  manifest_sha TEXT,
  determining_policies_json TEXT NOT NULL,
  diagnostics_json TEXT NOT NULL,
  metadata_json TEXT NOT NULL,
  input_json TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (zone_id, seq)
);
-- Keyset pagination runs on (occurred_at, id) DESC within a zone; one index per equality filter
-- keeps a filtered first page an index range scan at any table size.
CREATE INDEX audit_by_time ON audit_events (zone_id, occurred_at, id);
CREATE INDEX audit_by_decision ON audit_events (zone_id, decision, occurred_at, id);
CREATE INDEX audit_by_application ON audit_events (zone_id, application_id, occurred_at, id);
CREATE INDEX audit_by_resource ON audit_events (zone_id, resource, occurred_at, id);
CREATE INDEX audit_by_version ON audit_events (zone_id, policy_set_version_id, occurred_at, id);
CREATE INDEX audit_by_type ON audit_events (zone_id, event_type, occurred_at, id);
CREATE INDEX audit_by_request ON audit_events (zone_id, request_id);

-- One row per (event, determining policy name): the `policy` filter walks this index instead of
-- scanning a zone's events, so a rarely determining policy is as fast to filter on as a common one.
CREATE TABLE audit_event_policies (
  zone_id TEXT NOT NULL,
  policy TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (zone_id, policy, occurred_at, event_id)
) WITHOUT ROWID;

-- The newest link of each zone's chain; writers lock it so two writers never fork a chain.
CREATE TABLE audit_chain_heads (
  zone_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TRIGGER audit_events_append_only_u BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_append_only_d BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_event_policies_append_only_u BEFORE UPDATE ON audit_event_policies
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_event_policies_append_only_d BEFORE DELETE ON audit_event_policies
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
