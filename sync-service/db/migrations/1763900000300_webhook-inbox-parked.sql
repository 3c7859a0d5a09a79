-- Up Migration

-- `parked`: a delivery the inbox processor could not apply, set aside with a dead letter (topic
-- `crm.webhook`) so it no longer fails the batches it is claimed with; `corebridge dlq redrive`
-- puts it back to `received`.
ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_status_check;
ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check
  CHECK (status IN ('received', 'processed', 'parked'));

-- Down Migration
UPDATE webhook_inbox SET status = 'received' WHERE status = 'parked';
ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_status_check;
ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check
  CHECK (status IN ('received', 'processed'));
