-- Every simulation of a stored policy-set version, so the evidence for an activation survives a reload
-- and a reviewer sees the simulation the author ran. Append-only like the rest of the history.
CREATE TABLE simulation_runs (
  id TEXT PRIMARY KEY,
  zone_id TEXT NOT NULL REFERENCES zones(id),
  policy_set_id TEXT NOT NULL,
  version_id TEXT NOT NULL REFERENCES policy_set_versions(id),
  ran_by TEXT NOT NULL,
  ran_at TEXT NOT NULL,
  would_activate INTEGER NOT NULL CHECK (would_activate IN (0, 1)),
  evaluation TEXT NOT NULL CHECK (evaluation IN ('executed', 'not_executed', 'failed')),
  decision TEXT CHECK (decision IN ('allow', 'deny')),
  reason TEXT NOT NULL,
  warnings_json TEXT NOT NULL,
  input_json TEXT,
  result_json TEXT
);
CREATE INDEX simulation_runs_by_version ON simulation_runs (zone_id, version_id, ran_at, id);

CREATE TRIGGER simulation_runs_append_only_u BEFORE UPDATE ON simulation_runs
BEGIN SELECT RAISE(ABORT, 'simulation runs are append-only'); END;
CREATE TRIGGER simulation_runs_append_only_d BEFORE DELETE ON simulation_runs
BEGIN SELECT RAISE(ABORT, 'simulation runs are append-only'); END;
