-- Up Migration

-- The DBO finds a client's CRM card by the bank's client id, which the CRM keeps as the card's
-- external id.
CREATE INDEX crm_records_company_by_external_id ON crm_records ((state->>'externalId')) WHERE entity = 'company';

-- Down Migration
DROP INDEX crm_records_company_by_external_id;
