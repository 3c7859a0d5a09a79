-- Up Migration

-- The bank-side write API finds contacts and tasks (as well as client cards) by the bank's id,
-- which the CRM keeps as the record's external id.
CREATE INDEX crm_records_by_external_id ON crm_records (entity, (state->>'externalId'));

-- Down Migration
DROP INDEX crm_records_by_external_id;
