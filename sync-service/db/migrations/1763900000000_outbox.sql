-- Up Migration

-- The transactional outbox (incident I9): a bank-side change and the event announcing it are
-- written in one transaction, so a rollback takes both back and a commit keeps both. The
-- dispatcher publishes rows to the bus in id order per aggregate and deletes them: a row here is an
-- event not yet published.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  -- what the event is about (`company:<id>`): events of one aggregate are published in id order
  aggregate text NOT NULL,
  topic text NOT NULL,
  message_key text NOT NULL,
  payload jsonb NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  -- clock_timestamp, not now(): the commit → consumed latency is measured from here
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
-- "is an earlier event of this aggregate still waiting?", asked for every claimed row
CREATE INDEX outbox_by_aggregate ON outbox (aggregate, id);

-- Wakes the dispatchers when a transaction that wrote to the outbox commits (NOTIFY is delivered
-- on commit only, and once per transaction however many rows it wrote).
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Down Migration
DROP TRIGGER outbox_notify ON outbox;
DROP FUNCTION outbox_notify();
DROP TABLE outbox;
