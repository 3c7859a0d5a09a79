import type pg from 'pg';
import { CRM_WRITE_EVENT, type CrmWrite, crmWriteSchema } from '../../contracts/sync/crm-write-event.ts';
import { SYNC_FAILED_TOPIC, SYNC_PROCESSED_TOPIC, syncEventSchema } from '../../contracts/sync/sync-event.ts';
import type { BusMessage, EventBus, Subscription } from '../../infra/event-bus.ts';
import type { Logger } from '../../infra/logger.ts';
import { parkPoisonMessage } from '../consumers/park-poison-message.ts';
import { withTransaction } from '../db/with-transaction.ts';
import type { SyncMetrics } from '../metrics.ts';
import type { SourcePolicy } from '../resilience/source-policy.ts';
import { isCrmRejectedError } from './crm-write-errors.ts';
import type { CrmWriter } from './crm-writer.ts';

export interface CrmWriterConsumerOptions {
  readonly bus: EventBus;
  readonly pool: pg.Pool;
  readonly writer: CrmWriter;
  /** Retries and the circuit breaker for the CRM (incident I7); quota refusals never reach it. */
  readonly policy: SourcePolicy;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  readonly groupId: string;
}

const DONE = 'SELECT 1 FROM crm_writes_done WHERE event_id = $1';
const SUPERSEDED = "SELECT field FROM bank_writes WHERE id = ANY($1::bigint[]) AND status = 'superseded'";
const MARK_DONE = 'INSERT INTO crm_writes_done (event_id, crm_id) VALUES ($1, $2) ON CONFLICT DO NOTHING';
const MARK_DELIVERED =
  "UPDATE bank_writes SET status = 'delivered' WHERE id = ANY($1::bigint[]) AND status = 'pending'";

type Parsed = { eventId: string; write: CrmWrite } | { skip: true } | { error: string };

function parse(message: BusMessage): Parsed {
  try {
    const event = syncEventSchema.parse(JSON.parse(message.value.toString('utf8')));
    if (event.type !== CRM_WRITE_EVENT) return { skip: true };
    return { eventId: event.eventId, write: crmWriteSchema.parse(event.data) };
  } catch (error) {
    return { error: (error as Error).message.slice(0, 500) };
  }
}

/**
 * Carries the bank's `crm.write` events from `sync.processed` to the CRM, in order per client.
 * Each event is written once (`crm_writes_done`, in the transaction that marks its fields
 * delivered); fields a newer CRM-side edit won are left out. A write the CRM refuses for good goes
 * to the dead letters and `sync.failed`; a CRM that is down or in maintenance fails the batch, and
 * the bus redelivers it with backoff — nothing is dead-lettered for an outage.
 */
export function consumeCrmWrites(options: CrmWriterConsumerOptions): Promise<Subscription> {
  const { pool, log, metrics } = options;
  const outcome = (result: string) =>
    metrics.crmWrites.inc({ flavor: options.writer.flavor, outcome: result });
  return options.bus.subscribe({
    groupId: options.groupId,
    topic: SYNC_PROCESSED_TOPIC,
    maxBatchSize: 50,
    onHandlerError: (error, batch, attempt) =>
      log.warn(
        { err: (error as Error).message, events: batch.length, attempt },
        'CRM writes failed; redelivering',
      ),
    handleBatch: async (batch) => {
      for (const message of batch) {
        const parsed = parse(message);
        if ('skip' in parsed) continue;
        if ('error' in parsed) {
          await parkPoisonMessage(pool, options.bus, message, parsed.error, SYNC_FAILED_TOPIC);
          outcome('malformed');
          continue;
        }
        const { eventId, write } = parsed;
        if ((await pool.query(DONE, [eventId])).rowCount) {
          outcome('duplicate');
          continue;
        }
        const lost = new Set(
          (await pool.query<{ field: string }>(SUPERSEDED, [write.bankWriteIds])).rows.map((r) => r.field),
        );
        const fields = Object.fromEntries(Object.entries(write.fields).filter(([field]) => !lost.has(field)));
        let crmId: string | null = write.crmId;
        if (Object.keys(fields).length > 0) {
          try {
            crmId = (await options.policy.execute(() => options.writer.write({ ...write, fields }))).crmId;
          } catch (error) {
            if (!isCrmRejectedError(error)) throw error;
            await parkPoisonMessage(pool, options.bus, message, error.message, SYNC_FAILED_TOPIC);
            outcome('rejected');
            log.warn({ eventId, err: error.message }, 'CRM refused a write; parked');
            continue;
          }
        }
        await withTransaction(pool, async (client) => {
          await client.query(MARK_DONE, [eventId, crmId]);
          await client.query(MARK_DELIVERED, [write.bankWriteIds]);
        });
        outcome(Object.keys(fields).length > 0 ? 'written' : 'superseded');
      }
    },
  });
}
