-- Up Migration

-- The global limit on concurrent ABS calls (incident I1), shared by every instance: a call holds
-- one slot under a lease; a holder that dies stops renewing and its slot frees itself.
CREATE TABLE abs_pull_slots (
  slot integer PRIMARY KEY,
  holder text,
  lease_until timestamptz
);

-- Pulls from the ABS waiting for a slot: WAITING → PROCESSING → DONE. A PROCESSING job whose
-- lease ran out belonged to an instance that died; any instance takes it again.
CREATE TABLE abs_pull_jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  subject text NOT NULL,
  status text NOT NULL DEFAULT 'WAITING' CHECK (status IN ('WAITING', 'PROCESSING', 'DONE')),
  holder text,
  lease_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  not_before timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
-- One waiting job per subject: a second gap on an account that already waits adds nothing.
CREATE UNIQUE INDEX abs_pull_jobs_one_waiting ON abs_pull_jobs (kind, subject) WHERE status = 'WAITING';
CREATE INDEX abs_pull_jobs_open ON abs_pull_jobs (not_before) WHERE status <> 'DONE';

-- Down Migration
DROP TABLE abs_pull_jobs;
DROP TABLE abs_pull_slots;
