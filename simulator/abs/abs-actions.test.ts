import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ABS_POSTINGS_TOPIC } from '../../contracts/abs/abs-schemas.ts';
import type { BusMessage } from '../../infra/event-bus.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../start-simulator.ts';

describe('ABS actions driven by fault rules', () => {
  const bus = createMemoryBus();
  const received: BusMessage[] = [];
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 4,
      dataset: { organisations: 20, accountsPerOrganisation: 3 },
      bus,
      clock: { now: () => Date.now() },
    });
    await bus.subscribe({
      groupId: 't',
      topic: ABS_POSTINGS_TOPIC,
      handleBatch: async (b) => void received.push(...b),
    });
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
  });

  it('grey-edits balances behind the API: drift recorded, nothing published, sequences untouched', async () => {
    const before = new Map(sim.abs.store.allAccounts().map((a) => [a.id, a]));
    sim.faults.add({ id: 'grey', target: 'abs.rest', effect: { type: 'grey-edit', count: 3 } });
    await vi.waitFor(() => expect(sim.abs.store.drift).toHaveLength(3));
    for (const drift of sim.abs.store.drift) {
      const account = sim.abs.store.account(drift.accountId);
      expect(account?.balanceMinor).toBe(drift.balanceAfter);
      expect(account?.lastSequence).toBe(before.get(drift.accountId)?.lastSequence);
    }
    expect(received).toEqual([]);
    expect(sim.faults.journal.entries.some((e) => e.kind === 'action' && e.ruleId === 'grey')).toBe(true);
  });

  it('floods abs.postings with megabyte messages of 10 000 closing postings each', async () => {
    sim.faults.add({ id: 'flood', target: 'abs.events', effect: { type: 'avalanche', messages: 3 } });
    await vi.waitFor(() => expect(received.length).toBeGreaterThanOrEqual(3), { timeout: 20_000 });
    for (const message of received) {
      expect(message.value.length).toBeLessThanOrEqual(1_000_000);
      const body = JSON.parse(message.value.toString()) as { type: string; postings: unknown[] };
      expect(body.type).toBe('closing-postings');
      expect(body.postings.length).toBeLessThanOrEqual(10_000);
    }
    const total = received.reduce(
      (sum, m) => sum + (JSON.parse(m.value.toString()) as { postings: unknown[] }).postings.length,
      0,
    );
    expect(total).toBe(30_000);
  });
});
