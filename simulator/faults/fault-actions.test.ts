import express from 'express';
import { describe, expect, it } from 'vitest';
import { listen } from '../../infra/http-server.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { packAvalanche } from './avalanche-batches.ts';
import { createFaultEngine } from './fault-engine.ts';
import type { FaultJournalEntry } from './fault-journal.ts';
import { randomInt } from './seeded-random.ts';
import { collect } from './test-support/bus-collector.ts';
import { ManualClock } from './test-support/manual-clock.ts';

const DAY = 86_400_000;

/** What the (only) handler of an action returned, from its journal entry. */
function firstOutcome<T>(entry: FaultJournalEntry | undefined): T {
  const outcomes = entry?.detail.outcomes as T[] | undefined;
  if (!outcomes?.[0])
    throw new Error('Failed to read the action outcome: none journaled. Did the handler run?');
  return outcomes[0];
}

describe('action faults on the wire', () => {
  it('avalanche: once its window opens, a burst of ~1 MB messages of up to 10 000 old postings each', async () => {
    const clock = new ManualClock();
    const engine = createFaultEngine({ seed: 9, clock, pollMs: 0 });
    await using bus = createMemoryBus();
    const consumer = await collect(bus, 'abs.postings');
    // What the ABS would register: closing postings of accounts opened years ago.
    engine.onAction('avalanche', async ({ target, effect, at, random }) => {
      if (target !== 'abs.events') return;
      const postings = Array.from({ length: effect.messages * effect.itemsPerMessage }, (_, i) => ({
        id: `closing-${i}`,
        accountId: `acc-${randomInt(random, 1, 500)}`,
        amountMinor: randomInt(random, 1, 10_000_000),
        bookedAt: new Date(at - effect.olderThanDays * DAY).toISOString(),
      }));
      const messages = packAvalanche(postings, {
        maxItems: effect.itemsPerMessage,
        maxBytes: effect.maxMessageBytes,
        wrap: (items) => ({ type: 'closing-postings', postings: items }),
      });
      await bus.publish(
        'abs.postings',
        messages.map((value, i) => ({ key: `burst-${i}`, value })),
      );
      return { messages: messages.length, postings: postings.length };
    });
    engine.add({
      target: 'abs.events',
      effect: { type: 'avalanche', messages: 3 },
      window: { from: '1m', to: '2m' },
    });
    engine.tick();
    expect(engine.journal.entries).toHaveLength(0);
    clock.advance(60_000);
    engine.tick();
    engine.tick();
    await consumer.atLeast(3);
    await new Promise((resolve) => setImmediate(resolve));

    const action = engine.journal.entries.filter((e) => e.kind === 'action');
    expect(action).toHaveLength(1);
    const { messages, postings } = firstOutcome<{ messages: number; postings: number }>(action[0]);
    expect(postings).toBe(30_000);
    const received = await consumer.atLeast(messages);
    expect(received).toHaveLength(messages);
    for (const message of received) {
      expect(message.value.length).toBeLessThanOrEqual(1_000_000);
      const body = JSON.parse(message.value.toString()) as { postings: Array<{ bookedAt: string }> };
      expect(body.postings.length).toBeLessThanOrEqual(10_000);
      expect(Date.parse(body.postings[0]?.bookedAt ?? '')).toBeLessThan(clock.now() - 3_000 * DAY);
    }
    expect(
      received.reduce(
        (n, m) => n + (JSON.parse(m.value.toString()) as { postings: unknown[] }).postings.length,
        0,
      ),
    ).toBe(30_000);
    expect(Math.max(...received.map((m) => m.value.length))).toBeGreaterThan(900_000);
    await consumer.stop();
  });

  it('grey edit: the data changes behind the API, the REST read shows it and no event is emitted', async () => {
    const clock = new ManualClock();
    const engine = createFaultEngine({ seed: 9, clock, pollMs: 0 });
    await using bus = createMemoryBus();
    const consumer = await collect(bus, 'abs.postings');
    const balances = new Map([
      ['acc-1', 1_000],
      ['acc-2', 2_000],
      ['acc-3', 3_000],
    ]);
    engine.onAction('grey-edit', ({ effect, random }) => {
      const ids = [...balances.keys()];
      const edited: string[] = [];
      for (let i = 0; i < effect.count; i++) {
        const id = ids[randomInt(random, 0, ids.length - 1)] as string;
        balances.set(id, (balances.get(id) ?? 0) + 1);
        edited.push(id);
      }
      return { edited };
    });
    const app = express();
    app.get('/abs/api/v1/accounts/:id', (request, response) => {
      response.json({ id: request.params.id, balanceMinor: balances.get(request.params.id) });
    });
    const http = await listen(app);
    try {
      engine.add({ target: 'abs.rest', effect: { type: 'grey-edit', count: 1 } });
      const [entry] = engine.journal.entries.filter((e) => e.kind === 'action');
      const [edited] = firstOutcome<{ edited: string[] }>(entry).edited;
      const before = { 'acc-1': 1_000, 'acc-2': 2_000, 'acc-3': 3_000 }[edited as 'acc-1'];
      const read = (await (await fetch(`${http.url}/abs/api/v1/accounts/${edited}`)).json()) as {
        balanceMinor: number;
      };
      expect(read.balanceMinor).toBe(before + 1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(consumer.messages).toEqual([]);
    } finally {
      await http.close();
      await consumer.stop();
    }
  });
});
