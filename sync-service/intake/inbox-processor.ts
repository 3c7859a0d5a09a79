import type pg from 'pg';
import type { Logger } from 'pino';
import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { isInputError } from '../db/input-error.ts';
import { type NotifiedLoop, startNotifiedLoop } from '../db/notified-loop.ts';
import type { SyncMetrics } from '../metrics.ts';
import type { EntityChange } from '../sequencer/entity-writer.ts';
import { applyDeliveries } from './apply-deliveries.ts';
import { applyIsolated, type ClaimedDelivery, type IsolatedOutcome } from './apply-isolated.ts';
import { type CrmWebhookBody, crmWebhookBodySchema } from './crm-webhook-body.ts';
import { type DeliveryToPark, INBOX_DEAD_LETTER_TOPIC, parkDeliveries } from './park-deliveries.ts';

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

// A delivery that failed alone this often for a reason a retry might fix (the database away, a
// deadlock, an unknown error) is parked as well: it waits for an operator, listed and counted,
// instead of being retried for ever where nobody sees it.
const MAX_ATTEMPTS = 20;

// Every waiting row, rows left at MAX_ATTEMPTS by earlier versions included: they get parked now.
const CLAIM = `
  SELECT idempotency_key, payload, trace, attempts FROM webhook_inbox WHERE status = 'received'
  ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED`;
const MARK_PROCESSED = `
  UPDATE webhook_inbox SET status = 'processed', processed_at = now(), attempts = attempts + 1
  WHERE idempotency_key = ANY($1)`;
const MARK_FAILED = `
  UPDATE webhook_inbox i SET attempts = i.attempts + 1, last_error = t.error
  FROM unnest($1::text[], $2::text[]) AS t(key, error) WHERE i.idempotency_key = t.key`;

interface ClaimedRow {
  readonly idempotency_key: string;
  readonly payload: unknown;
  readonly trace: Record<string, string>;
  readonly attempts: number;
}

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

type Parking = DeliveryToPark & { readonly cause: 'rejected' | 'attempts-exhausted' };

const FIX = 'Correct the cause, then redrive it (corebridge dlq redrive <id>)';

// The intake validated every payload, but rows may predate a check or come from elsewhere: one that
// is not a CRM change is parked, so it can neither stop the loop nor fail its batch.
function readClaimed(rows: readonly ClaimedRow[]): {
  deliveries: ClaimedDelivery[];
  unreadable: Parking[];
} {
  const deliveries: ClaimedDelivery[] = [];
  const unreadable: Parking[] = [];
  for (const row of rows) {
    const body = crmWebhookBodySchema.safeParse(row.payload);
    if (body.success)
      deliveries.push({ key: row.idempotency_key, change: changeOf(body.data), trace: row.trace });
    else {
      const detail = body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      unreadable.push({
        key: row.idempotency_key,
        cause: 'rejected',
        error: `Failed to apply webhook delivery ${row.idempotency_key}: it is not a CRM change (${detail}). ${FIX}.`,
      });
    }
  }
  return { deliveries, unreadable };
}

// Refused for its values: parked now, no retry can pass. Anything else may pass on a retry, until
// MAX_ATTEMPTS.
function triage(
  failed: IsolatedOutcome['failed'],
  attempts: ReadonlyMap<string, number>,
): { toPark: Parking[]; toRetry: DeliveryToPark[] } {
  const toPark: Parking[] = [];
  const toRetry: DeliveryToPark[] = [];
  for (const { key, error } of failed) {
    const reason = `Failed to apply webhook delivery ${key}: ${messageOf(error)}`;
    if (isInputError(error)) toPark.push({ key, cause: 'rejected', error: `${reason}. ${FIX}.` });
    else if ((attempts.get(key) ?? 0) + 1 >= MAX_ATTEMPTS)
      toPark.push({
        key,
        cause: 'attempts-exhausted',
        error: `${reason} (attempt ${MAX_ATTEMPTS}). ${FIX}.`,
      });
    else toRetry.push({ key, error: reason });
  }
  return { toPark, toRetry };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Applies what the intake stored: claims waiting deliveries with `FOR UPDATE SKIP LOCKED` (so
 * several instances share the inbox without taking the same row), applies them through the
 * sequencer (a duplicate delivery under another key is dropped there; a version gap is closed
 * with the delivery's own full state), and marks them processed in the claiming transaction.
 * A batch that fails is applied one delivery at a time: the deliveries that apply are processed,
 * one the database refuses for its values (or that is no CRM change) is parked at once as a dead
 * letter (`crm.webhook`), any other failure is retried and parked after MAX_ATTEMPTS. Their
 * senders were answered 202 and never retry, so nothing may stay behind unseen. Wakes on NOTIFY
 * from the intake, polls as a fallback.
 */
export function startInboxProcessor(options: InboxProcessorOptions): InboxProcessor {
  const { pool, metrics, log } = options;
  const batchSize = options.batchSize ?? 200;
  const apply = (changes: readonly EntityChange<CrmRecord>[]) => applyDeliveries(pool, metrics, changes);

  // True when there may be more waiting right away: a full batch, none of it left to retry (a
  // retry waits for the next round, so attempts are not spent in a tight loop).
  const processBatch = async (): Promise<boolean> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query<ClaimedRow>(CLAIM, [batchSize]);
      if (claimed.rows.length === 0) {
        await client.query('COMMIT');
        return false;
      }
      const { deliveries, unreadable } = readClaimed(claimed.rows);
      const outcome = await applyIsolated(deliveries, apply);
      if (outcome.batchError !== undefined)
        log.warn(
          {
            err: messageOf(outcome.batchError),
            deliveries: deliveries.length,
            failed: outcome.failed.length,
          },
          'inbox batch failed; applied its deliveries one by one',
        );
      const attempts = new Map(claimed.rows.map((r) => [r.idempotency_key, r.attempts]));
      const { toPark, toRetry } = triage(outcome.failed, attempts);
      toPark.push(...unreadable);
      if (outcome.applied.length > 0) await client.query(MARK_PROCESSED, [outcome.applied]);
      if (toRetry.length > 0)
        await client.query(MARK_FAILED, [toRetry.map((d) => d.key), toRetry.map((d) => d.error)]);
      const parked = await parkDeliveries(client, toPark);
      await client.query('COMMIT');
      for (const d of toPark) {
        metrics.webhooksParked.inc({ cause: d.cause });
        metrics.deadLettered.inc({ topic: INBOX_DEAD_LETTER_TOPIC });
        log.warn({ key: d.key, deadLetter: parked.get(d.key), err: d.error }, 'webhook delivery parked');
      }
      return claimed.rows.length === batchSize && toRetry.length === 0;
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
    work: processBatch,
  });
}
