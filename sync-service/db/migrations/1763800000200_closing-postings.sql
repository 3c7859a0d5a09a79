-- Up Migration

-- Closing postings of past periods (incident I4) within the business horizon. They carry no
-- account sequence: the posting id is their identity, so a redelivered one is discarded.
CREATE TABLE closing_postings (
  posting_id text PRIMARY KEY,
  account_id uuid NOT NULL,
  amount_minor bigint NOT NULL,
  booked_at timestamptz NOT NULL,
  description text NOT NULL
);

-- Down Migration
DROP TABLE closing_postings;
