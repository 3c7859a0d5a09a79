import type pg from 'pg';
import type { SyncEvent } from '../../contracts/sync/sync-event.ts';
import type { EventBus, OutgoingMessage } from '../../infra/event-bus.ts';
import type { Logger } from '../../infra/logger.ts';
import { type NotifiedLoop, startNotifiedLoop } from '../db/notified-loop.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { syncDefaults } from '../defaults.ts';
import { type ClaimedOutboxRow, claimOutboxBatch, markOutboxPublished } from './claim-outbox-batch.ts';

export interface OutboxDispatcherOptions {
  readonly pool: pg.Pool;
  readonly databaseUrl: string;
  readonly bus: EventBus;
  readonly log: Logger;
  /** Events claimed and published per transaction. Default `syncDefaults.outboxBatchSize`. */
  readonly batchSize?: number;
  /**
   * Batches in flight at once in this instance. Default `syncDefaults.outboxConcurrency`. Order per
   * aggregate holds either way, as between instances.
   */
  readonly concurrency?: number;
  /** Fallback poll when no NOTIFY came. Default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Told of every published batch (metrics, tests). */
  readonly onPublished?: (count: number) => void;
}

function messageOf(row: ClaimedOutboxRow): OutgoingMessage {
  const event: SyncEvent = { eventId: row.id, aggregate: row.aggregate, ...row.payload };
  return { key: row.message_key, value: JSON.stringify(event), headers: row.headers };
}

/**
 * Publishes the outbox (incident I9): claims a batch with `FOR UPDATE SKIP LOCKED` (several
 * instances share the work; an aggregate is never split between two of them), publishes it in
 * id order — one bus call per topic, which keeps each key's order — and stamps the rows in the
 * claiming transaction. At least once: a crash between publish and commit publishes again.
 * Wakes on `NOTIFY outbox`, polls as a fallback.
 */
export function startOutboxDispatcher(options: OutboxDispatcherOptions): NotifiedLoop {
  const loops = Array.from({ length: options.concurrency ?? syncDefaults.outboxConcurrency }, () =>
    startDispatchLoop(options),
  );
  return { stop: async () => void (await Promise.all(loops.map((loop) => loop.stop()))) };
}

function startDispatchLoop(options: OutboxDispatcherOptions): NotifiedLoop {
  const { pool, bus } = options;
  const batchSize = options.batchSize ?? syncDefaults.outboxBatchSize;
  const dispatchBatch = () =>
    withTransaction(pool, async (client) => {
      const rows = await claimOutboxBatch(client, batchSize);
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const row of rows) {
        const messages = byTopic.get(row.topic) ?? [];
        messages.push(messageOf(row));
        byTopic.set(row.topic, messages);
      }
      await Promise.all([...byTopic].map(([topic, messages]) => bus.publish(topic, messages)));
      await markOutboxPublished(
        client,
        rows.map((row) => row.id),
      );
      return rows.length;
    });
  return startNotifiedLoop({
    databaseUrl: options.databaseUrl,
    channel: 'outbox',
    log: options.log,
    pollIntervalMs: options.pollIntervalMs,
    work: async () => {
      const published = await dispatchBatch();
      if (published > 0) options.onPublished?.(published);
      return published === batchSize;
    },
  });
}
