import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { createAmqpBus } from '../infra/amqp/amqp-bus.ts';
import type { BusMessage, EventBus, Subscription } from '../infra/event-bus.ts';
import { eventBusConformance } from './event-bus-conformance.ts';

const url = inject('amqpUrl');
if (!url) process.stderr.write(`AMQP event bus conformance skipped: ${inject('amqpUnavailable')}\n`);
const WAIT = { timeout: 30_000, interval: 50 };

const createBus = (): EventBus =>
  createAmqpBus({
    url: url ?? '',
    clientId: 'conformance',
    topicPrefix: `t${randomUUID().slice(0, 6)}.`,
    // Ten rebalances a second, so the tests below see shares settle quickly.
    rebalanceIntervalMs: 100,
  });

describe.skipIf(!url)('amqp event bus conformance (real RabbitMQ)', () => {
  eventBusConformance(createBus);
});

/** What RabbitMQ makes the adapter do on its own, beyond what the shared suite can observe. */
describe.skipIf(!url)('amqp event bus on RabbitMQ', () => {
  let bus: EventBus;
  let subscriptions: Subscription[];
  const topic = 'feed';

  beforeEach(() => {
    bus = createBus();
    subscriptions = [];
  });
  afterEach(async () => {
    for (const subscription of subscriptions) await subscription.stop();
    await bus.stop();
  });

  const member = async (groupId: string, handle: (batch: readonly BusMessage[]) => Promise<void>) => {
    const subscription = await bus.subscribe({ groupId, topic, handleBatch: handle });
    subscriptions.push(subscription);
    return subscription;
  };

  it('spreads the partitions of a group over its members, each partition to one of them', async () => {
    const byMember = [new Set<number>(), new Set<number>()];
    let received = 0;
    for (const partitions of byMember) {
      await member('shared', async (batch) => {
        for (const message of batch) partitions.add(message.partition);
        received += batch.length;
      });
    }
    await sleep(1_000);
    for (let i = 0; i < 60; i++) await bus.publish(topic, [{ key: `key-${i}`, value: String(i) }]);
    await vi.waitFor(() => expect(received).toBe(60), WAIT);
    const [first = new Set(), second = new Set()] = byMember;
    expect(first.size).toBeGreaterThan(0);
    expect(second.size).toBeGreaterThan(0);
    expect([...first].filter((partition) => second.has(partition))).toEqual([]);
  });

  it('hands a batch that a stopping member could not finish to the next member, offset unchanged', async () => {
    const failed: BusMessage[] = [];
    const failing = await bus.subscribe({
      groupId: 'takeover',
      topic,
      handleBatch: async () => {
        throw new Error('downstream unavailable');
      },
      onHandlerError: (_error, batch) => failed.push(...batch),
    });
    await bus.publish(topic, [{ key: 'k', value: 'unlucky' }]);
    await vi.waitFor(() => expect(failed.length).toBeGreaterThan(0), WAIT);

    const handled: BusMessage[] = [];
    await member('takeover', async (batch) => void handled.push(...batch));
    await failing.stop();
    await vi.waitFor(() => expect(handled.map((m) => m.value.toString())).toEqual(['unlucky']), WAIT);
    expect(handled[0]?.offset).toBe(failed[0]?.offset);
  });

  it('numbers the messages of each partition in publish order', async () => {
    const received: BusMessage[] = [];
    await member('numbers', async (batch) => void received.push(...batch));
    await bus.publish(
      topic,
      Array.from({ length: 50 }, (_, i) => ({ key: `key-${i % 5}`, value: String(i) })),
    );
    await vi.waitFor(() => expect(received).toHaveLength(50), WAIT);
    for (const partition of new Set(received.map((m) => m.partition))) {
      const offsets = received.filter((m) => m.partition === partition).map((m) => m.offset);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
      expect(new Set(offsets).size).toBe(offsets.length);
    }
  });

  it('refuses a batch with headers over the AMQP header budget before sending any of it', async () => {
    const received: BusMessage[] = [];
    await member('headers', async (batch) => void received.push(...batch));
    const batch = [
      { key: 'small', value: 'fits' },
      { key: 'loud', value: 'x', headers: { trace: 'x'.repeat(70_000) } },
    ];
    await expect(bus.publish(topic, batch)).rejects.toThrow(/header budget/);
    await bus.publish(topic, [{ key: 'marker', value: 'after' }]);
    await vi.waitFor(() => expect(received.map((m) => m.key)).toContain('marker'), WAIT);
    expect(received.map((m) => m.key)).not.toContain('small');
  });
});
