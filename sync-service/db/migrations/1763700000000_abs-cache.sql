-- Up Migration
CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL,
  number text NOT NULL,
  currency text NOT NULL,
  balance_minor bigint NOT NULL,
  -- the sequencer's position: the last posting applied to this account
  last_sequence bigint NOT NULL,
  -- source time of the newest data this row reflects: what the DBO shows as "as of"
  as_of timestamptz NOT NULL
);
CREATE INDEX accounts_by_organisation ON accounts (organisation_id);

CREATE TABLE postings (
  account_id uuid NOT NULL,
  sequence bigint NOT NULL,
  posting_id uuid NOT NULL,
  amount_minor bigint NOT NULL,
  balance_after_minor bigint NOT NULL,
  booked_at timestamptz NOT NULL,
  description text NOT NULL,
  PRIMARY KEY (account_id, sequence)
);

CREATE TABLE dead_letters (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  partition integer NOT NULL,
  message_offset bigint NOT NULL,
  message_key text NOT NULL,
  payload text NOT NULL,
  error text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (topic, partition, message_offset)
);

-- Down Migration
DROP TABLE dead_letters;
DROP TABLE postings;
DROP TABLE accounts;
