import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { BusMessage, EventBus } from '../infra/event-bus.ts';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { parkPoisonMessage } from '../sync-service/consumers/park-poison-message.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { redriveDeadLetters } from '../sync-service/dlq/redrive-dead-letters.ts';
import { testDatabase } from './test-database.ts';

const brokers = inject('kafkaBrokers');
if (!brokers) process.stderr.write(`dead-letter redrive test skipped: ${inject('kafkaUnavailable')}\n`);
const run = promisify(execFile);

describe.skipIf(!brokers)('dead letters: list and redrive, on real PostgreSQL and Kafka', () => {
  let databaseUrl: string;
  let pool: pg.Pool;
  let bus: EventBus;
  const topic = 'mdm.legal-details';

  beforeAll(async () => {
    databaseUrl = await testDatabase('dlq');
    await migrate(databaseUrl);
    pool = new pg.Pool({ connectionString: databaseUrl });
    bus = createKafkaBus({
      brokers: brokers ?? [],
      clientId: 'dlq-test',
      topicPrefix: `dlq${randomUUID().slice(0, 6)}.`,
    });
    const poison = (offset: number): BusMessage => ({
      topic,
      partition: 0,
      offset,
      key: `client-${offset}`,
      value: Buffer.from(`{"broken":${offset}}`),
      headers: { 'x-request-id': `req-${offset}` },
    });
    await parkPoisonMessage(pool, bus, poison(1), 'state: Required');
    await parkPoisonMessage(pool, bus, poison(2), 'not JSON');
    await parkPoisonMessage(pool, bus, poison(2), 'not JSON');
  });
  afterAll(async () => {
    await bus.stop();
    await pool.end();
  });

  const cli = (...args: string[]) =>
    run(process.execPath, ['cli/main.ts', 'dlq', ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });

  it('lists what was parked once per bus position, with the error', async () => {
    const { stdout } = await cli('list', '--json');
    const letters = JSON.parse(stdout) as { key: string; error: string }[];
    expect(letters.map((l) => [l.key, l.error])).toEqual([
      ['client-1', 'state: Required'],
      ['client-2', 'not JSON'],
    ]);
  });

  it('redrives each dead letter once, as it first came, and marks it', async () => {
    const received: BusMessage[] = [];
    const subscription = await bus.subscribe({
      groupId: 'redrive-watch',
      topic,
      handleBatch: async (batch) => {
        received.push(...batch);
      },
    });
    expect(await redriveDeadLetters(pool, () => bus, { topic })).toBe(2);
    expect(await redriveDeadLetters(pool, () => bus, { topic })).toBe(0);
    await vi.waitFor(() => expect(received).toHaveLength(2), { timeout: 20_000 });
    // Different keys land on different partitions: no order between them.
    const sorted = received.toSorted((a, b) => a.key.localeCompare(b.key));
    expect(sorted.map((m) => [m.key, m.value.toString(), m.headers['x-request-id']])).toEqual([
      ['client-1', '{"broken":1}', 'req-1'],
      ['client-2', '{"broken":2}', 'req-2'],
    ]);
    await subscription.stop();
    const { stdout } = await cli('list');
    expect(stdout).toBe('No dead letters.\n');
  });

  it('tells the operator what to pass when nothing is named', async () => {
    const failure = await cli('redrive').catch((error: { stderr: string; code: number }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('pass --all') });
  });
});
