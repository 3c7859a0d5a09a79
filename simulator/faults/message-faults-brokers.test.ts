import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createAmqpBus } from '../../infra/amqp/amqp-bus.ts';
import { type EventBus, isMessageTooLargeError, type OutgoingMessage } from '../../infra/event-bus.ts';
import { createKafkaBus } from '../../infra/kafka/kafka-bus.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createFaultEngine } from './fault-engine.ts';
import { messageFaults } from './message-faults.ts';
import { collect } from './test-support/bus-collector.ts';
import { ManualClock } from './test-support/manual-clock.ts';

const brokers = inject('kafkaBrokers');
const amqpUrl = inject('amqpUrl');
const prefix = () => `faults${randomUUID().slice(0, 6)}.`;

const BUSES: Array<[string, (() => EventBus) | undefined]> = [
  ['memory', () => createMemoryBus()],
  [
    'kafka',
    brokers ? () => createKafkaBus({ brokers, clientId: 'faults', topicPrefix: prefix() }) : undefined,
  ],
  [
    'amqp (MQ)',
    amqpUrl ? () => createAmqpBus({ url: amqpUrl, clientId: 'faults', topicPrefix: prefix() }) : undefined,
  ],
];

/** One second of clock time per effect; each message of the feed falls into the next one. */
const RULES = [
  { target: 'crm.mq', effect: { type: 'sequence-gap' }, window: { from: '1s', to: '2s' } },
  { target: 'crm.mq', effect: { type: 'duplicate' }, window: { from: '2s', to: '3s' } },
  { target: 'crm.mq', effect: { type: 'malformed' }, window: { from: '3s', to: '4s' } },
  { target: 'crm.mq', effect: { type: 'delay', ms: 5_000 }, window: { from: '4s', to: '5s' } },
  { target: 'crm.mq', effect: { type: 'oversized' }, window: { from: '5s', to: '6s' } },
];

describe.each(BUSES)('message faults through the %s bus', (_name, createBus) => {
  it.skipIf(!createBus)(
    'gap, duplicate, malformed, delay and oversized reach the consumer as such',
    async () => {
      const clock = new ManualClock();
      const engine = createFaultEngine({ seed: 1, clock, pollMs: 0 });
      for (const rule of RULES) engine.add(rule);
      const stage = messageFaults<OutgoingMessage>(engine, 'crm.mq');
      await using bus = (createBus as () => EventBus)();
      const consumer = await collect(bus, 'crm.cards');
      const publish = (messages: OutgoingMessage[]) => bus.publish('crm.cards', messages);
      const failures: unknown[] = [];
      try {
        for (let sequence = 1; sequence <= 7; sequence++) {
          const staged = stage.process('crm.cards', [
            { key: 'company-1', value: JSON.stringify({ id: 'company-1', sequence }) },
          ]);
          await publish(staged.publish).catch((error: unknown) => failures.push(error));
          clock.advance(1_000);
        }
        clock.advance(3_000);
        await publish(stage.takeDue().map((r) => r.message));

        const received = (await consumer.atLeast(6, 30_000)).map((m) => m.value.toString('utf8'));
        const sequences = received.map((value) => {
          try {
            return (JSON.parse(value) as { sequence: number }).sequence;
          } catch {
            return 'malformed';
          }
        });
        // 2 lost (its number consumed), 3 twice, 4 spoiled, 5 late, 6 refused by the bus as too large.
        expect(sequences).toEqual([1, 3, 3, 'malformed', 7, 5]);
        expect(failures).toHaveLength(1);
        expect(isMessageTooLargeError(failures[0])).toBe(true);
      } finally {
        await consumer.stop();
      }
    },
  );
});
