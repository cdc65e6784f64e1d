-- Decision audit: append-only, hash-chained per zone, partitioned by month of occurred_at.
-- occurred_at is RFC 3339 text; COLLATE "C" makes its order (and the partition bounds) bytewise.
CREATE TABLE audit_events (
  id TEXT NOT NULL,
  zone_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
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
  occurred_at TEXT COLLATE "C" NOT NULL,
  ingested_at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (id, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX audit_by_time ON audit_events (zone_id, occurred_at, id);
CREATE INDEX audit_by_decision ON audit_events (zone_id, decision, occurred_at, id);
CREATE INDEX audit_by_application ON audit_events (zone_id, application_id, occurred_at, id);
CREATE INDEX audit_by_resource ON audit_events (zone_id, resource, occurred_at, id);
CREATE INDEX audit_by_version ON audit_events (zone_id, policy_set_version_id, occurred_at, id);
CREATE INDEX audit_by_type ON audit_events (zone_id, event_type, occurred_at, id);
CREATE INDEX audit_by_request ON audit_events (zone_id, request_id);
CREATE INDEX audit_by_seq ON audit_events (zone_id, seq);

-- Creates the month's partition if missing ('2026-12' → [2026-12, 2027-01)). The writer calls it
-- for each month it has not seen yet, so partitions exist ahead of the events that need them.
CREATE FUNCTION caracal_audit_partition(month TEXT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  next_month TEXT := to_char(to_date(month || '-01', 'YYYY-MM-DD') + interval '1 month', 'YYYY-MM');
  part TEXT := 'audit_events_' || replace(month, '-', '_');
BEGIN
  IF to_regclass(part) IS NULL THEN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)', part, month, next_month);
  END IF;
END $$;

DO $$
DECLARE m INT;
BEGIN
  FOR m IN -1..2 LOOP
    PERFORM caracal_audit_partition(to_char(date_trunc('month', now()) + make_interval(months => m), 'YYYY-MM'));
  END LOOP;
END $$;

-- One row per (event, determining policy name): the `policy` filter walks this index instead of
-- scanning a zone's events, so a rarely determining policy is as fast to filter on as a common one.
CREATE TABLE audit_event_policies (
  zone_id TEXT NOT NULL,
  policy TEXT NOT NULL,
  occurred_at TEXT COLLATE "C" NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (zone_id, policy, occurred_at, event_id)
);

CREATE TABLE audit_chain_heads (
  zone_id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION caracal_refuse_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION caracal_refuse_change();
CREATE TRIGGER audit_event_policies_append_only BEFORE UPDATE OR DELETE ON audit_event_policies FOR EACH ROW EXECUTE FUNCTION caracal_refuse_change();
