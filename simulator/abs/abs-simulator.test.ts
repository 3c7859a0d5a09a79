import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ABS_BALANCES_TOPIC,
  absAccountSchema,
  absBalanceEventSchema,
  absSnapshotHeaderSchema,
} from '../../contracts/abs/abs-schemas.ts';
import type { BusMessage } from '../../infra/event-bus.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../start-simulator.ts';

describe('ABS simulator', () => {
  const bus = createMemoryBus();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 9,
      dataset: { organisations: 10, accountsPerOrganisation: 3 },
      bus,
      clock: { now: () => Date.UTC(2026, 10, 21) },
    });
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
  });

  it('publishes the balance after every posting on abs.balances', async () => {
    const balances: BusMessage[] = [];
    await bus.subscribe({
      groupId: 't',
      topic: ABS_BALANCES_TOPIC,
      handleBatch: async (b) => void balances.push(...b),
    });
    sim.abs.book(30);
    await vi.waitFor(() => expect(balances).toHaveLength(30));
    const last = new Map<string, number>();
    for (const message of balances) {
      const event = absBalanceEventSchema.parse(JSON.parse(message.value.toString()));
      last.set(event.accountId, event.balanceMinor);
    }
    for (const [accountId, balance] of last)
      expect(sim.abs.store.account(accountId)?.balanceMinor).toBe(balance);
  });

  it("serves ten years of an account's archived postings, paged by date", async () => {
    const account = sim.abs.store.allAccounts()[0];
    const page = (await (
      await fetch(
        `${sim.url}/abs/api/v1/accounts/${account?.id}/history?from=2020-01-01&to=2021-01-01&limit=50`,
      )
    ).json()) as { items: Array<{ bookedAt: string; accountId: string }>; total: number };
    expect(page.items.length).toBeGreaterThan(0);
    expect(
      page.items.every(
        (p) => p.bookedAt >= '2020-01-01' && p.bookedAt < '2021-01-01' && p.accountId === account?.id,
      ),
    ).toBe(true);
    expect((await fetch(`${sim.url}/abs/api/v1/accounts/${account?.id}/history?limit=0`)).status).toBe(400);
  });

  it('streams the replica snapshot as NDJSON, also while the ABS REST API is down', async () => {
    sim.faults.add({ id: 'outage', target: 'abs.rest', effect: { type: 'outage' } });
    try {
      expect((await fetch(`${sim.url}/abs/api/v1/organisations`)).status).toBe(503);
      const response = await fetch(`${sim.url}/abs/replica/v1/snapshot`);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson');
      const [header, ...lines] = (await response.text()).trim().split('\n');
      expect(absSnapshotHeaderSchema.parse(JSON.parse(header ?? '')).accounts).toBe(lines.length);
      const accounts = lines.map((line) => absAccountSchema.parse(JSON.parse(line)));
      expect(accounts).toEqual(sim.abs.store.allAccounts());
    } finally {
      sim.faults.remove('outage');
    }
  });
});
