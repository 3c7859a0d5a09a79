-- Up Migration

-- Nightly reconciliation with the ABS replica snapshot (incident I3): one row per run, written by
-- whichever instance held the reconciliation lock.
CREATE TABLE reconciliation_runs (
  id bigserial PRIMARY KEY,
  holder text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  -- when the ABS took the snapshot: the moment the comparison is true for
  snapshot_at timestamptz,
  snapshot_rows bigint,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  -- counts by category (unchanged, repaired per reason, cache ahead, not in the snapshot)
  summary jsonb,
  error text
);

-- Every row the reconciliation repaired (or handed to the sequencer) and why, so an operator can
-- see what the grey edits were. `field` is the cache column; values are text to fit any column.
-- Reasons: `balance-differs` (same sequence, other balance: a grey edit, repaired in place),
-- `sequence-behind` (the snapshot has postings the cache lacks: a pull of them is queued),
-- `missing-in-cache` (the account was inserted from the snapshot).
CREATE TABLE reconciliation_repairs (
  run_id bigint NOT NULL REFERENCES reconciliation_runs (id) ON DELETE CASCADE,
  account_id uuid NOT NULL,
  field text NOT NULL,
  cache_value text,
  snapshot_value text NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (run_id, account_id, field)
);

-- Down Migration
DROP TABLE reconciliation_repairs;
DROP TABLE reconciliation_runs;
