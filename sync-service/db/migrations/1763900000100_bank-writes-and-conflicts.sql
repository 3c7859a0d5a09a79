-- Up Migration

-- The CRM's own last reported state of a record, beside `state` (what the DBO reads: the CRM's
-- state with the bank's not yet confirmed writes on top). Diffing a new CRM state against this
-- one, not against `state`, tells which fields the CRM changed. NULL: same as `state`.
ALTER TABLE crm_records ADD COLUMN crm_state jsonb;

-- Which system owns which field (incident I8). `bank`: the CRM may not change it (a CRM-side edit
-- is a conflict, and the bank's value is written back); `crm`: the bank may not write it;
-- `shared`: both may, and concurrent edits are decided by source time (last write wins).
CREATE TABLE field_ownership (
  entity text NOT NULL,
  field text NOT NULL,
  owner text NOT NULL CHECK (owner IN ('bank', 'crm', 'shared')),
  PRIMARY KEY (entity, field)
);
INSERT INTO field_ownership (entity, field, owner) VALUES
  -- the client's legal identity is the bank's (its MDM); the card's display name is anyone's
  ('company', 'inn', 'bank'), ('company', 'kpp', 'bank'), ('company', 'ogrn', 'bank'),
  ('company', 'legalAddress', 'bank'), ('company', 'name', 'shared'),
  ('company', 'segment', 'crm'), ('company', 'custom', 'crm'),
  ('company', 'phone', 'shared'), ('company', 'email', 'shared'),
  ('contact', 'companyId', 'bank'), ('contact', 'firstName', 'shared'), ('contact', 'lastName', 'shared'),
  ('contact', 'middleName', 'shared'), ('contact', 'phone', 'shared'), ('contact', 'email', 'shared'),
  ('contact', 'position', 'shared'),
  ('task', 'companyId', 'bank'), ('task', 'contactId', 'shared'), ('task', 'subject', 'shared'),
  ('task', 'description', 'shared'), ('task', 'dueDate', 'shared'), ('task', 'status', 'crm');

-- Every field the bank wrote towards the CRM, until the CRM is seen holding it. `record_id` is the
-- CRM id, or `ext:<bank id>` for a record the bank created and the CRM has not yet echoed.
-- pending: in the outbox or at the writer; delivered: the CRM accepted it; confirmed: the CRM's own
-- feed showed it; superseded: a newer CRM-side edit won (the writer then leaves the field out).
CREATE TABLE bank_writes (
  id bigserial PRIMARY KEY,
  entity text NOT NULL,
  record_id text NOT NULL,
  field text NOT NULL,
  value jsonb,
  -- source time: when the change happened bank-side (last write wins compares this)
  changed_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'confirmed', 'superseded')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bank_writes_open ON bank_writes (entity, record_id, field) WHERE status IN ('pending', 'delivered');

-- Concurrent or forbidden edits, with both values and what was decided.
CREATE TABLE conflicts (
  id bigserial PRIMARY KEY,
  entity text NOT NULL,
  record_id text NOT NULL,
  field text NOT NULL,
  bank_value jsonb,
  crm_value jsonb,
  bank_changed_at timestamptz,
  crm_changed_at timestamptz NOT NULL,
  -- bank-owns-field | bank-newer | crm-newer
  decision text NOT NULL,
  kept text NOT NULL CHECK (kept IN ('bank', 'crm')),
  detected_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolution text
);

-- Work for a person: every conflict opens one, `corebridge conflicts resolve` closes it.
CREATE TABLE operator_tasks (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  conflict_id bigint REFERENCES conflicts (id),
  title text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX operator_tasks_open ON operator_tasks (created_at) WHERE status = 'open';

-- Events of `sync.processed` the CRM writer has carried out: a redelivered event is not written twice.
CREATE TABLE crm_writes_done (
  event_id bigint PRIMARY KEY,
  crm_id text,
  done_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE crm_writes_done;
DROP TABLE operator_tasks;
DROP TABLE conflicts;
DROP TABLE bank_writes;
DROP TABLE field_ownership;
ALTER TABLE crm_records DROP COLUMN crm_state;
