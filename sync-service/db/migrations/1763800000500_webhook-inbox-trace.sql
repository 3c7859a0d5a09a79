-- Up Migration

-- The delivery's X-Request-Id and traceparent, so the processing after the 2xx logs under the
-- same ids as the request that brought it (incident I11).
ALTER TABLE webhook_inbox ADD COLUMN trace jsonb NOT NULL DEFAULT '{}';

-- Down Migration
ALTER TABLE webhook_inbox DROP COLUMN trace;
