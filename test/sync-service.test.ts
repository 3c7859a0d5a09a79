import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ABS_POSTINGS_TOPIC } from '../contracts/abs/abs-schemas.ts';
import { systemClock } from '../infra/clock.ts';
import type { EventBus } from '../infra/event-bus.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { compareAbsCache } from '../scenarios/checker/compare-abs-cache.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { type SyncService, startSyncService } from '../sync-service/start-sync-service.ts';
import { testDatabase } from './test-database.ts';

const WAIT = { timeout: 20_000, interval: 100 };

interface AccountsBody {
  asOf: string;
  accounts: unknown[];
  error: { code: string };
}
const body = async (response: Response) => (await response.json()) as AccountsBody;

describe('sync service on real PostgreSQL', () => {
  let databaseUrl: string;
  let bus: EventBus;
  let sim: Simulator;
  let sync: SyncService;

  beforeAll(async () => {
    databaseUrl = await testDatabase('sync');
    bus = createMemoryBus();
    sim = await startSimulator({
      seed: 5,
      dataset: { organisations: 8, accountsPerOrganisation: 3 },
      bus,
      clock: systemClock,
    });
    sync = await startSyncService({
      databaseUrl,
      bus,
      absUrl: sim.url,
      clock: systemClock,
      log: createLogger('test', 'silent'),
    });
    await sync.ready;
  });
  afterAll(async () => {
    await sync.stop();
    await sim.stop();
    await bus.stop();
  });

  const readAccounts = (id: string) => fetch(`${sync.url}/api/v1/organisations/${id}/accounts`);
  const firstOrganisation = () => [...sim.abs.store.organisations.keys()][0] as string;

  it('loads every ABS account at start and serves them with an asOf stamp', async () => {
    const response = await readAccounts(firstOrganisation());
    expect(response.status).toBe(200);
    const answer = await body(response);
    expect(answer.accounts.length).toBe(sim.abs.store.accountsOf(firstOrganisation()).length);
    expect(Number.isNaN(Date.parse(answer.asOf))).toBe(false);
  });

  it('answers 400 with a code for a malformed id and 404 for an unknown organisation', async () => {
    const bad = await readAccounts('not-a-uuid');
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.code).toBe('INVALID_ORGANISATION_ID');
    const unknown = await readAccounts('00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect((await body(unknown)).error.code).toBe('ORGANISATION_NOT_FOUND');
  });

  it('applies booked postings exactly once, however often they are delivered', async () => {
    sim.abs.book(50);
    await vi.waitFor(
      async () => expect((await compareAbsCache(sim.abs.store, databaseUrl)).lost).toBe(0),
      WAIT,
    );
    // Deliver the whole history again, as a rebalanced consumer would.
    const duplicatesBefore = sync.stats.duplicates;
    for (const account of sim.abs.store.allAccounts()) {
      for (const posting of sim.abs.store.postingsAfter(account.id, 0, 1000)) {
        await bus.publish(ABS_POSTINGS_TOPIC, [
          { key: posting.organisationId, value: JSON.stringify(posting) },
        ]);
      }
    }
    await vi.waitFor(() => expect(sync.stats.duplicates - duplicatesBefore).toBe(50), WAIT);
    expect(await compareAbsCache(sim.abs.store, databaseUrl)).toMatchObject({
      lost: 0,
      duplicated: 0,
      diverged: 0,
    });
  });

  it('closes a sequence gap by fetching the missing postings from the ABS', async () => {
    const account = sim.abs.store.allAccounts()[0];
    if (!account) throw new Error('dataset has no accounts');
    const book = (n: number) =>
      sim.abs.store.book(
        account.id,
        { postingId: crypto.randomUUID(), amountMinor: 100 * n, description: `gap ${n}` },
        Date.now(),
      );
    // Two postings whose events are lost on the way, then one that arrives.
    book(1);
    book(2);
    const arriving = book(3);
    const gapsBefore = sync.stats.gaps;
    await bus.publish(ABS_POSTINGS_TOPIC, [
      { key: arriving.organisationId, value: JSON.stringify(arriving) },
    ]);
    await vi.waitFor(
      async () =>
        expect(await compareAbsCache(sim.abs.store, databaseUrl)).toMatchObject({ lost: 0, diverged: 0 }),
      WAIT,
    );
    expect(sync.stats.gaps).toBe(gapsBefore + 1);
  });

  it('keeps answering reads from the cache while the ABS is down', async () => {
    sim.faults.add({ id: 'outage', target: 'abs.rest', effect: { type: 'outage' } });
    try {
      const abs = await fetch(`${sim.url}/abs/api/v1/organisations`);
      expect(abs.status).toBe(503);
      const response = await readAccounts(firstOrganisation());
      expect(response.status).toBe(200);
    } finally {
      sim.faults.remove('outage');
    }
  });

  it('dead-letters a malformed message once and keeps consuming', async () => {
    const before = sync.stats.deadLetters;
    await bus.publish(ABS_POSTINGS_TOPIC, [{ key: 'org', value: '{"not":"a posting"}' }]);
    sim.abs.book(5);
    await vi.waitFor(() => expect(sync.stats.deadLetters).toBe(before + 1), WAIT);
    await vi.waitFor(
      async () => expect((await compareAbsCache(sim.abs.store, databaseUrl)).lost).toBe(0),
      WAIT,
    );
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT payload, error FROM dead_letters');
    await client.end();
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toBe('{"not":"a posting"}');
  });
});
