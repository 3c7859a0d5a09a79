import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type BusMessage,
  type EventBus,
  isMessageTooLargeError,
  MAX_MESSAGE_BYTES,
  type Subscription,
} from '../infra/event-bus.ts';

const WAIT = { timeout: 30_000, interval: 50 };

/**
 * The behaviour every EventBus adapter promises, run against each of them: what the simulator and
 * the sync service may rely on, whichever transport carries their events.
 */
export function eventBusConformance(createBus: () => EventBus): void {
  let bus: EventBus;
  let subscriptions: Subscription[];
  let topic: string;

  beforeEach(() => {
    bus = createBus();
    subscriptions = [];
    topic = `conformance-${randomUUID().slice(0, 8)}`;
  });
  afterEach(async () => {
    for (const subscription of subscriptions) await subscription.stop();
    await bus.stop();
  });

  const collect = async (groupId: string, onBatch?: (batch: readonly BusMessage[]) => void) => {
    const received: BusMessage[] = [];
    subscriptions.push(
      await bus.subscribe({
        groupId,
        topic,
        handleBatch: async (batch) => {
          onBatch?.(batch);
          received.push(...batch);
        },
      }),
    );
    return received;
  };

  describe('delivery', () => {
    it('delivers every message with its key, value and headers', async () => {
      const received = await collect('g1');
      await bus.publish(topic, [{ key: 'k1', value: 'hello', headers: { 'x-request-id': 'r-1' } }]);
      await bus.publish(topic, [{ key: 'k2', value: Buffer.from([0, 1, 2]) }]);
      await vi.waitFor(() => expect(received).toHaveLength(2), WAIT);
      const hello = received.find((m) => m.key === 'k1');
      expect(hello?.value.toString()).toBe('hello');
      expect(hello?.headers['x-request-id']).toBe('r-1');
      expect([...(received.find((m) => m.key === 'k2')?.value ?? [])]).toEqual([0, 1, 2]);
    });

    it('keeps publish order per key', async () => {
      const received = await collect('g1');
      for (let i = 0; i < 300; i++) await bus.publish(topic, [{ key: `key-${i % 7}`, value: String(i) }]);
      await vi.waitFor(() => expect(received).toHaveLength(300), WAIT);
      for (let k = 0; k < 7; k++) {
        const values = received.filter((m) => m.key === `key-${k}`).map((m) => Number(m.value.toString()));
        expect(values).toEqual([...values].sort((a, b) => a - b));
      }
    });

    it('gives every consumer group all messages', async () => {
      const first = await collect('group-a');
      const second = await collect('group-b');
      for (let i = 0; i < 20; i++) await bus.publish(topic, [{ key: `k${i}`, value: String(i) }]);
      await vi.waitFor(() => {
        expect(first).toHaveLength(20);
        expect(second).toHaveLength(20);
      }, WAIT);
    });
  });

  describe('at-least-once', () => {
    it('redelivers a batch whose handler failed, and moves on once it succeeds', async () => {
      const attempts = new Map<string, number>();
      const done: string[] = [];
      subscriptions.push(
        await bus.subscribe({
          groupId: 'g1',
          topic,
          handleBatch: async (batch) => {
            for (const message of batch) {
              const value = message.value.toString();
              attempts.set(value, (attempts.get(value) ?? 0) + 1);
              if (value === 'poison-once' && attempts.get(value) === 1) throw new Error('transient failure');
            }
            done.push(...batch.map((m) => m.value.toString()));
          },
        }),
      );
      await bus.publish(topic, [{ key: 'same-key', value: 'before' }]);
      await bus.publish(topic, [{ key: 'same-key', value: 'poison-once' }]);
      await bus.publish(topic, [{ key: 'same-key', value: 'after' }]);
      await vi.waitFor(() => expect(done).toContain('after'), WAIT);
      expect(attempts.get('poison-once')).toBe(2);
      // Per-key order survives the redelivery.
      expect(done.indexOf('poison-once')).toBeLessThan(done.indexOf('after'));
    });

    it('resumes a group from its committed offset after the consumer restarts', async () => {
      const before = await collect('resuming');
      for (let i = 0; i < 5; i++) await bus.publish(topic, [{ key: 'k', value: `first-${i}` }]);
      await vi.waitFor(() => expect(before).toHaveLength(5), WAIT);
      await subscriptions.pop()?.stop();

      for (let i = 0; i < 5; i++) await bus.publish(topic, [{ key: 'k', value: `second-${i}` }]);
      const after = await collect('resuming');
      await vi.waitFor(() => expect(after.map((m) => m.value.toString())).toContain('second-4'), WAIT);
      expect(after.map((m) => m.value.toString()).filter((v) => v.startsWith('first-'))).toEqual([]);
    });

    it('shares the partitions of a group between its members', async () => {
      const memberA: BusMessage[] = [];
      const memberB: BusMessage[] = [];
      for (const sink of [memberA, memberB]) {
        subscriptions.push(
          await bus.subscribe({
            groupId: 'shared',
            topic,
            handleBatch: async (batch) => void sink.push(...batch),
          }),
        );
      }
      for (let i = 0; i < 60; i++) await bus.publish(topic, [{ key: `key-${i}`, value: String(i) }]);
      await vi.waitFor(() => {
        const values = new Set([...memberA, ...memberB].map((m) => m.value.toString()));
        expect(values.size).toBe(60);
      }, WAIT);
    });
  });

  it('publishes a batch in order', async () => {
    const received = await collect('g1');
    await bus.publish(
      topic,
      Array.from({ length: 100 }, (_, i) => ({ key: 'one-key', value: String(i) })),
    );
    await vi.waitFor(() => expect(received).toHaveLength(100), WAIT);
    expect(received.map((m) => Number(m.value.toString()))).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  describe('limits', () => {
    it('accepts a message just under 1 MB and rejects one over 1 MiB with MESSAGE_TOO_LARGE', async () => {
      const received = await collect('g1');
      await bus.publish(topic, [{ key: 'big', value: Buffer.alloc(1_000_000, 7) }]);
      await vi.waitFor(() => expect(received).toHaveLength(1), WAIT);
      expect(received[0]?.value.length).toBe(1_000_000);

      const error = await bus
        .publish(topic, [{ key: 'huge', value: Buffer.alloc(MAX_MESSAGE_BYTES + 1) }])
        .catch((e: unknown) => e);
      expect(isMessageTooLargeError(error)).toBe(true);

      // A batch with one oversized message is refused whole: nothing of it is delivered.
      const batch = [
        { key: 'small', value: 'fits' },
        { key: 'huge', value: Buffer.alloc(MAX_MESSAGE_BYTES + 1) },
      ];
      expect(isMessageTooLargeError(await bus.publish(topic, batch).catch((e: unknown) => e))).toBe(true);
      await bus.publish(topic, [{ key: 'marker', value: 'after' }]);
      await vi.waitFor(() => expect(received.map((m) => m.key)).toContain('marker'), WAIT);
      expect(received.map((m) => m.key)).not.toContain('small');
    });
  });
}
