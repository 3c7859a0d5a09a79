-- Up Migration

-- Every webhook delivery we answered 2xx, stored before the answer (a transactional inbox). The
-- idempotency key is the delivery's identity: a replay gets `response_*` back unchanged.
CREATE TABLE webhook_inbox (
  idempotency_key text PRIMARY KEY,
  body_sha256 text NOT NULL,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed')),
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE INDEX webhook_inbox_waiting ON webhook_inbox (received_at) WHERE status = 'received';

-- Down Migration
DROP TABLE webhook_inbox;
