import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type SyncEvent, syncEventSchema } from '../contracts/sync/sync-event.ts';
import type { BusMessage, EventBus } from '../infra/event-bus.ts';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { createLogger } from '../infra/logger.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { withTransaction } from '../sync-service/db/with-transaction.ts';
import { enqueueOutbox } from '../sync-service/outbox/enqueue-outbox.ts';
import { startOutboxDispatcher } from '../sync-service/outbox/outbox-dispatcher.ts';
import { testDatabase } from './test-database.ts';

const brokers = inject('kafkaBrokers');
if (!brokers) process.stderr.write(`outbox dispatcher test skipped: ${inject('kafkaUnavailable')}\n`);
const log = createLogger('outbox-test', 'silent');

async function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!brokers)('transactional outbox → Kafka, on real PostgreSQL and Kafka', () => {
  let databaseUrl: string;
  let pool: pg.Pool;
  let bus: EventBus;
  const received: SyncEvent[] = [];
  const keys: string[] = [];

  beforeAll(async () => {
    databaseUrl = await testDatabase('outbox');
    await migrate(databaseUrl);
    pool = new pg.Pool({ connectionString: databaseUrl });
    bus = createKafkaBus({
      brokers: brokers ?? [],
      clientId: 'outbox-test',
      topicPrefix: `outbox${randomUUID().slice(0, 6)}.`,
    });
    await bus.subscribe({
      groupId: 'outbox-test',
      topic: 'sync.processed',
      handleBatch: async (batch: readonly BusMessage[]) => {
        for (const message of batch) {
          received.push(syncEventSchema.parse(JSON.parse(message.value.toString('utf8'))));
          keys.push(message.key);
        }
      },
    });
  });
  afterAll(async () => {
    await bus.stop();
    await pool.end();
  });

  const event = (aggregate: string, n: number) => ({
    aggregate,
    type: 'company.updated',
    occurredAt: new Date().toISOString(),
    data: { n },
  });

  it('publishes what committed, never what rolled back, and wakes on NOTIFY rather than the poll', async () => {
    // A poll every minute: only the commit's NOTIFY can deliver within the wait below.
    const dispatcher = startOutboxDispatcher({ pool, databaseUrl, bus, log, pollIntervalMs: 60_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(
        withTransaction(pool, async (client) => {
          await enqueueOutbox(client, [event('company:rolled-back', 1)]);
          throw new Error('the business change failed');
        }),
      ).rejects.toThrow('the business change failed');
      await withTransaction(pool, (client) => enqueueOutbox(client, [event('company:committed', 1)]));
      await waitFor('the committed event', () => received.length >= 1, 20_000);
      expect(received.map((e) => e.aggregate)).toEqual(['company:committed']);
      // Published rows leave the outbox in the publishing transaction.
      let left = 1;
      while (left > 0) left = (await pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n;
      expect(left).toBe(0);
    } finally {
      await dispatcher.stop();
    }
  });

  it('two dispatchers publish every event once, each aggregate in the order written', async () => {
    received.length = 0;
    keys.length = 0;
    const aggregates = Array.from({ length: 20 }, (_, i) => `company:${i}`);
    const perAggregate = 100;
    const dispatchers = [1, 2].map(() =>
      startOutboxDispatcher({ pool, databaseUrl, bus, log, batchSize: 37 }),
    );
    try {
      // Ten writers at once, each a run of small transactions across all aggregates.
      await Promise.all(
        Array.from({ length: 10 }, async (_, writer) => {
          for (let n = writer; n < perAggregate; n += 10) {
            await withTransaction(pool, (client) =>
              enqueueOutbox(
                client,
                aggregates.map((a) => event(a, n)),
              ),
            );
          }
        }),
      );
      const total = aggregates.length * perAggregate;
      await waitFor(`${total} events`, () => received.length >= total);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const ids = received.map((e) => e.eventId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(total);
      for (const aggregate of aggregates) {
        const order = received.filter((e) => e.aggregate === aggregate).map((e) => Number(e.eventId));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
      expect(keys.every((key, i) => key === received[i]?.aggregate)).toBe(true);
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
    }
  });
});
