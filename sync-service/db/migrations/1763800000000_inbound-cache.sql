-- Up Migration

-- The sequencer's position per (channel, entity): the last sequence number applied from that
-- channel. Written in the same transaction as the change it stands for, so a crash between the
-- two can never happen. One channel per feed: `crm.mq`, `crm.webhook`, `mdm.mq`, `crm.cdc`.
CREATE TABLE entity_sequences (
  channel text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  last_sequence bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (channel, entity, entity_id)
);

-- CRM records (company = the client card, contact, task, authority) in the neutral vocabulary of
-- contracts/crm. `version` is the CRM's own per-record version: a state older than the one held is
-- discarded whichever channel brought it, so a webhook and the MQ feed can race without harm.
CREATE TABLE crm_records (
  entity text NOT NULL,
  id text NOT NULL,
  company_id text NOT NULL,
  version integer NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  state jsonb,
  -- source time of the change this row reflects: the DBO's "as of"
  as_of timestamptz NOT NULL,
  PRIMARY KEY (entity, id)
);
CREATE INDEX crm_records_by_company ON crm_records (company_id, entity);

-- The MDM's legal details per client, with the MDM's per-client version.
CREATE TABLE legal_details (
  client_id uuid PRIMARY KEY,
  inn text NOT NULL,
  kpp text,
  ogrn text NOT NULL,
  legal_address text NOT NULL,
  bank_requisites jsonb NOT NULL,
  version integer NOT NULL,
  as_of timestamptz NOT NULL
);
CREATE INDEX legal_details_by_inn ON legal_details (inn);

-- Dead letters from every consumer, not only ABS postings; `redriven_at` marks what an operator
-- sent back through the consumer (`corebridge dlq redrive`).
ALTER TABLE dead_letters ADD COLUMN headers jsonb NOT NULL DEFAULT '{}';
ALTER TABLE dead_letters ADD COLUMN attempts integer NOT NULL DEFAULT 1;
ALTER TABLE dead_letters ADD COLUMN redriven_at timestamptz;

-- Down Migration
ALTER TABLE dead_letters DROP COLUMN redriven_at;
ALTER TABLE dead_letters DROP COLUMN attempts;
ALTER TABLE dead_letters DROP COLUMN headers;
DROP TABLE legal_details;
DROP TABLE crm_records;
DROP TABLE entity_sequences;
