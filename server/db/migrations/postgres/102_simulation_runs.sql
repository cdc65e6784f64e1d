-- Every simulation of a stored policy-set version, so the evidence for an activation survives a reload
-- and a reviewer sees the simulation the author ran. Append-only like the rest of the history.
CREATE TABLE simulation_runs (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL REFERENCES zones(id),
  policy_set_id TEXT NOT NULL,
  version_id TEXT NOT NULL REFERENCES policy_set_versions(id),
  ran_by TEXT NOT NULL,
  ran_at TEXT NOT NULL,
  would_activate BOOLEAN NOT NULL,
  evaluation TEXT NOT NULL CHECK (evaluation IN ('executed', 'not_executed', 'failed')),
  decision TEXT CHECK (decision IN ('allow', 'deny')),
  reason TEXT NOT NULL,
  warnings_json TEXT NOT NULL,
  input_json TEXT,
  result_json TEXT
);
CREATE INDEX simulation_runs_by_version ON simulation_runs (zone_id, version_id, ran_at, id);

CREATE TRIGGER simulation_runs_append_only BEFORE UPDATE OR DELETE ON simulation_runs FOR EACH ROW EXECUTE FUNCTION caracal_refuse_change();
CREATE TRIGGER simulation_runs_no_truncate BEFORE TRUNCATE ON simulation_runs FOR EACH STATEMENT EXECUTE FUNCTION caracal_refuse_change();
