import { afterEach, describe, expect, it } from 'vitest';
import type { EventBus, OutgoingMessage } from '../../infra/event-bus.ts';
import { isMessageTooLargeError, MAX_MESSAGE_BYTES } from '../../infra/event-bus.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createFaultEngine } from './fault-engine.ts';
import { startHeldMessagePump } from './held-message-pump.ts';
import { messageFaults } from './message-faults.ts';
import { collect } from './test-support/bus-collector.ts';
import { ManualClock } from './test-support/manual-clock.ts';

const TOPIC = 'crm.cards';
let buses: EventBus[] = [];

afterEach(async () => {
  for (const bus of buses) await bus.stop();
  buses = [];
});

/** One partition, so the consumer sees the global publish order. */
async function setup(...rules: unknown[]) {
  const clock = new ManualClock();
  const engine = createFaultEngine({ seed: 5, clock, pollMs: 0 });
  for (const rule of rules) engine.add(rule);
  const bus = createMemoryBus({ partitions: 1 });
  buses.push(bus);
  const stage = messageFaults<OutgoingMessage>(engine, 'crm.mq');
  const consumer = await collect(bus, TOPIC);
  const send = async (...messages: OutgoingMessage[]) => {
    const staged = stage.process(TOPIC, messages);
    await bus.publish(TOPIC, staged.publish);
    return staged;
  };
  return { clock, engine, bus, stage, consumer, send };
}

const msg = (key: string, body: Record<string, unknown>): OutgoingMessage => ({
  key,
  value: JSON.stringify(body),
});
const bodies = (values: string[]) => values.map((v) => JSON.parse(v) as Record<string, unknown>);

describe('message faults on the bus', () => {
  it.each([
    [true, [1, 3], ['a', 'c']],
    [false, [1, 2], ['a', 'c']],
  ])(
    'sequence gap (consumeNumber %s): a per-entity feed loses a message; the consumer sees sequences %j',
    async (consumeNumber, sequences, states) => {
      const { engine, stage, bus, consumer } = await setup();
      // A feed with per-entity sequence numbers, used as message-faults.ts documents.
      const last = new Map<string, number>();
      const emit = async (id: string, state: string) => {
        const sequence = (last.get(id) ?? 0) + 1;
        last.set(id, sequence);
        const staged = stage.process(TOPIC, [msg(id, { id, sequence, state })]);
        for (const lost of staged.dropped) if (!lost.consumeNumber) last.set(id, sequence - 1);
        await bus.publish(TOPIC, staged.publish);
      };
      await emit('company-1', 'a');
      const gap = engine.add({
        target: 'crm.mq',
        match: { key: 'company-1' },
        effect: { type: 'sequence-gap', consumeNumber },
      });
      await emit('company-2', 'x');
      await emit('company-1', 'b');
      engine.remove(gap.id);
      await emit('company-1', 'c');
      const received = bodies((await consumer.atLeast(3)).map((m) => m.value.toString()));
      const company1 = received.filter((b) => b.id === 'company-1');
      expect(company1.map((b) => b.sequence)).toEqual(sequences);
      expect(company1.map((b) => b.state)).toEqual(states);
      expect(received.filter((b) => b.id === 'company-2')).toHaveLength(1);
      expect(engine.journal.entries.filter((e) => e.kind === 'injected').map((e) => e.detail)).toEqual([
        { topic: TOPIC, key: 'company-1', consumeNumber },
      ]);
    },
  );

  it('duplicate: the copies follow the original at once', async () => {
    const { send, consumer } = await setup({ target: 'crm.mq', effect: { type: 'duplicate', copies: 2 } });
    await send(msg('k', { n: 1 }), msg('k', { n: 2 }));
    await consumer.atLeast(6);
    expect(bodies(consumer.values()).map((b) => b.n)).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('reorder within 5 messages: nothing goes out until the window is full, then all five shuffled', async () => {
    const { send, consumer } = await setup({
      target: 'crm.mq',
      effect: { type: 'reorder', withinMessages: 5 },
    });
    for (let n = 1; n <= 4; n++) expect((await send(msg('k', { n }))).publish).toEqual([]);
    const fifth = await send(msg('k', { n: 5 }));
    expect(fifth.publish).toHaveLength(5);
    const order = bodies((await consumer.atLeast(5)).map((m) => m.value.toString())).map((b) => b.n);
    expect([...order].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(order).not.toEqual([1, 2, 3, 4, 5]);
  });

  it('reorder: a window that does not fill goes out after maxHoldMs', async () => {
    const { send, stage, clock } = await setup({
      target: 'crm.mq',
      effect: { type: 'reorder', withinMessages: 10, maxHoldMs: 500 },
    });
    for (let n = 1; n <= 3; n++) await send(msg('k', { n }));
    expect(stage.takeDue()).toEqual([]);
    expect(stage.nextDueAt()).toBe(clock.now() + 500);
    clock.advance(500);
    expect(stage.takeDue().map((r) => r.topic)).toEqual([TOPIC, TOPIC, TOPIC]);
    expect(stage.pending).toBe(0);
  });

  it('reorder within 1 s and delayed delivery: held messages overtake each other and arrive late', async () => {
    const { send, stage, bus, consumer, clock, engine } = await setup(
      { target: 'crm.mq', match: { key: 'shuffled' }, effect: { type: 'reorder', withinMs: 1_000 } },
      { target: 'crm.mq', match: { key: 'late' }, effect: { type: 'delay', ms: 5_000 } },
    );
    const pump = startHeldMessagePump(stage, (topic, messages) => bus.publish(topic, messages), {
      pollMs: 5,
    });
    try {
      await send(msg('late', { n: 0 }));
      for (let n = 1; n <= 8; n++) await send(msg('shuffled', { n }));
      await send(msg('on-time', { n: 9 }));
      await consumer.atLeast(1);
      expect(bodies(consumer.values()).map((b) => b.n)).toEqual([9]);
      clock.advance(1_000);
      await consumer.atLeast(9);
      const shuffled = bodies(consumer.values())
        .slice(1)
        .map((b) => b.n);
      expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(shuffled).not.toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      clock.advance(4_000);
      await consumer.atLeast(10);
      expect(bodies(consumer.values()).at(-1)).toEqual({ n: 0 });
      expect(
        engine.journal.entries.find((e) => e.effect === 'delay' && e.kind === 'injected')?.detail,
      ).toEqual({ topic: TOPIC, key: 'late', ms: 5_000 });
    } finally {
      await pump.stop();
    }
  });

  it('oversized: past 1 MiB the bus refuses the publish like Kafka’s MESSAGE_TOO_LARGE', async () => {
    const { stage, bus } = await setup({ target: 'crm.mq', effect: { type: 'oversized' } });
    const staged = stage.process(TOPIC, [msg('k', { id: 'company-1' })]);
    expect(Buffer.byteLength(staged.publish[0]?.value ?? '')).toBe(MAX_MESSAGE_BYTES + 1);
    const error = await bus.publish(TOPIC, staged.publish).catch((e: unknown) => e);
    expect(isMessageTooLargeError(error)).toBe(true);
  });

  it('oversized under the limit: a huge but valid message is delivered', async () => {
    const { send, consumer } = await setup({
      target: 'crm.mq',
      effect: { type: 'oversized', bytes: 900_000 },
    });
    await send(msg('k', { id: 'company-1' }));
    const [received] = await consumer.atLeast(1);
    expect(received?.value.length).toBe(900_000);
    expect(JSON.parse(received?.value.toString() ?? '')).toMatchObject({ id: 'company-1' });
  });

  it('malformed: the consumer receives bytes that do not parse', async () => {
    const { send, consumer } = await setup({
      target: 'crm.mq',
      effect: { type: 'malformed', mode: 'corrupt-bytes' },
    });
    await send(msg('k', { id: 'company-1', name: 'Alpha' }));
    const [received] = await consumer.atLeast(1);
    expect(() => JSON.parse(received?.value.toString('utf8') ?? '')).toThrow(SyntaxError);
  });

  it('clock skew: timestamps in the field shift, and now() of the stage is as far off', async () => {
    const { send, consumer, stage, clock } = await setup({
      target: 'crm.mq',
      effect: { type: 'clock-skew', ms: -90_000, field: 'emittedAt' },
    });
    expect(stage.now()).toBe(clock.now() - 90_000);
    await send(msg('k', { emittedAt: '2026-01-01T00:10:00.000Z', sequence: 4 }));
    const [received] = await consumer.atLeast(1);
    expect(JSON.parse(received?.value.toString() ?? '')).toEqual({
      emittedAt: '2026-01-01T00:08:30.000Z',
      sequence: 4,
    });
  });

  it('an outage holds the feed: isDown() while the window is on', async () => {
    const { stage, clock } = await setup({
      target: 'crm.mq',
      effect: { type: 'outage' },
      window: { from: '1s', to: '2s' },
    });
    expect(stage.isDown()).toBe(false);
    clock.advance(1_000);
    expect(stage.isDown()).toBe(true);
    clock.advance(1_000);
    expect(stage.isDown()).toBe(false);
  });
});
