import type pg from 'pg';
import type { Logger } from 'pino';
import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { runInTrace, traceFromHeaders } from '../../infra/tracing/trace-context.ts';
import { type NotifiedLoop, startNotifiedLoop } from '../db/notified-loop.ts';
import type { SyncMetrics } from '../metrics.ts';
import type { EntityChange } from '../sequencer/entity-writer.ts';
import { applyDeliveries } from './apply-deliveries.ts';
import type { CrmWebhookBody } from './crm-webhook-body.ts';

export interface InboxProcessorOptions {
  readonly pool: pg.Pool;
  readonly databaseUrl: string;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  /** Deliveries claimed per transaction. Default 200. */
  readonly batchSize?: number;
  /** How often to look when no notification came (a missed NOTIFY, another instance's insert). Default 500 ms. */
  readonly pollIntervalMs?: number;
}

export type InboxProcessor = NotifiedLoop;

// A delivery that failed this often waits for an operator (it stays in the inbox with its last error).
const MAX_ATTEMPTS = 20;

const CLAIM = `
  SELECT idempotency_key, payload, trace FROM webhook_inbox WHERE status = 'received' AND attempts < $2
  ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED`;
const MARK_PROCESSED = `
  UPDATE webhook_inbox SET status = 'processed', processed_at = now(), attempts = attempts + 1
  WHERE idempotency_key = ANY($1)`;
const MARK_FAILED = `
  UPDATE webhook_inbox SET attempts = attempts + 1, last_error = $2 WHERE idempotency_key = ANY($1)`;

function changeOf(body: CrmWebhookBody): EntityChange<CrmRecord> {
  const { change, record } = body;
  return {
    entity: change.entity,
    id: change.id,
    // The webhook's sequence is the record's CRM version: a jump means a change we were not told of.
    sequence: change.sequence,
    operation: change.operation,
    state: change.operation === 'delete' ? null : (record as CrmRecord | null),
    at: change.at,
    origin: change.origin,
  };
}

/**
 * Applies what the intake stored: claims waiting deliveries with `FOR UPDATE SKIP LOCKED` (so
 * several instances share the inbox without taking the same row), applies them through the
 * sequencer (a duplicate delivery under another key is dropped there; a version gap is closed
 * with the delivery's own full state), and marks them processed in the claiming transaction.
 * Wakes on NOTIFY from the intake, polls as a fallback.
 */
export function startInboxProcessor(options: InboxProcessorOptions): InboxProcessor {
  const { pool, metrics, log } = options;
  const batchSize = options.batchSize ?? 200;
  const processBatch = async (): Promise<number> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query<{
        idempotency_key: string;
        payload: CrmWebhookBody;
        trace: Record<string, string>;
      }>(CLAIM, [batchSize, MAX_ATTEMPTS]);
      const keys = claimed.rows.map((r) => r.idempotency_key);
      if (keys.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      try {
        // Logged under the ids of the request that brought the first delivery (incident I11).
        const trace = traceFromHeaders(claimed.rows[0]?.trace ?? {});
        await runInTrace(trace, () =>
          applyDeliveries(
            pool,
            metrics,
            claimed.rows.map((r) => changeOf(r.payload)),
          ),
        );
        await client.query(MARK_PROCESSED, [keys]);
      } catch (error) {
        await client.query(MARK_FAILED, [keys, (error as Error).message]);
        log.warn({ err: (error as Error).message, deliveries: keys.length }, 'inbox batch failed; retrying');
      }
      await client.query('COMMIT');
      return keys.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  return startNotifiedLoop({
    databaseUrl: options.databaseUrl,
    channel: 'webhook_inbox',
    log,
    pollIntervalMs: options.pollIntervalMs,
    work: async () => (await processBatch()) === batchSize,
  });
}
