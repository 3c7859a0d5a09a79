import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../infra/clock.ts';
import { freePort } from '../infra/free-port.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { compareAbsCache } from '../scenarios/checker/compare-abs-cache.ts';
import {
  type InstanceWiring,
  startEmulatedCrashSync,
} from '../scenarios/runner/crash/emulated-crash-sync.ts';
import type { CrashableSync } from '../scenarios/runner/sync-under-test.ts';
import { startSimulator } from '../simulator/start-simulator.ts';
import { startSyncService } from '../sync-service/start-sync-service.ts';
import { testDatabase } from './test-database.ts';

const FIRST_INSTANCE = 'corebridge-sync-crashable-1';

async function sql<T extends pg.QueryResultRow>(databaseUrl: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const backends = async (databaseUrl: string, applicationName: string, where = 'true') =>
  (
    await sql<{ n: number }>(
      databaseUrl,
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND ${where}`,
      [applicationName],
    )
  )[0]?.n ?? 0;

const postingCount = async (databaseUrl: string) =>
  (await sql<{ n: number }>(databaseUrl, 'SELECT count(*)::int AS n FROM postings'))[0]?.n ?? 0;

/** A simulator and a crashable sync service on a fresh database and memory bus. */
async function startCrashableSystem(name: string) {
  const databaseUrl = await testDatabase(name);
  const bus = createMemoryBus();
  const sim = await startSimulator({
    seed: 17,
    dataset: { organisations: 3, accountsPerOrganisation: 2 },
    bus,
    clock: systemClock,
  });
  const wirings: InstanceWiring[] = [];
  const sync = await startEmulatedCrashSync({
    port: await freePort(),
    databaseUrl,
    sourcesUrl: sim.url,
    bus,
    start: (wiring) => {
      wirings.push(wiring);
      return startSyncService({ ...wiring, clock: systemClock, log: createLogger('test', 'silent') });
    },
  });
  const stop = async () => {
    await sync.stop();
    await sim.stop();
    await bus.stop();
  };
  return { databaseUrl, sim, sync, wirings, stop };
}

describe('emulated crash of an in-process sync service', () => {
  let system: { stop(): Promise<void> } | undefined;
  afterEach(async () => {
    await system?.stop();
    system = undefined;
  });

  it('rolls back the transaction it had in flight, and the new instance applies that batch exactly once', async () => {
    const started = await startCrashableSystem('crash_rollback');
    system = started;
    const { databaseUrl, sim, sync } = started;
    await sync.whenReady();
    const loaded = await postingCount(databaseUrl);

    // Hold the postings table so the instance's apply transaction waits inside, mid-batch.
    const blocker = new pg.Client({ connectionString: databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE postings IN EXCLUSIVE MODE');
    sim.abs.book(20);
    await expect
      .poll(() => backends(databaseUrl, FIRST_INSTANCE, "wait_event_type = 'Lock'"), { timeout: 15_000 })
      .toBeGreaterThan(0);

    const { transactionsInFlight } = await sync.crash();
    expect(transactionsInFlight).toBeGreaterThan(0);
    // Its backends are gone (transactions rolled back, locks freed) before the lock is even released.
    expect(await backends(databaseUrl, FIRST_INSTANCE)).toBe(0);
    await blocker.query('ROLLBACK');
    await blocker.end();
    expect(await postingCount(databaseUrl)).toBe(loaded);

    await sync.restart();
    await sync.whenReady();
    await expect
      .poll(() => compareAbsCache(sim.abs.store, databaseUrl), { timeout: 20_000 })
      .toMatchObject({ lost: 0, duplicated: 0, diverged: 0 });
    expect(await postingCount(databaseUrl)).toBe(loaded + 20);
  });

  it('leaves the dead instance unable to reach the database or its clients until a new one serves the same URL', async () => {
    const started = await startCrashableSystem('crash_cut');
    system = started;
    const { sync, wirings } = started;
    await sync.whenReady();
    await sync.crash();

    const dead = wirings[0] as InstanceWiring;
    const reconnect = new pg.Client({ connectionString: dead.databaseUrl, connectionTimeoutMillis: 2_000 });
    await expect(reconnect.connect()).rejects.toThrow();
    await expect(fetch(`${sync.url}/health/live`)).rejects.toThrow();

    await restartAndServe(sync);
    expect(wirings).toHaveLength(2);
    expect(wirings[1]?.databaseUrl).not.toBe(dead.databaseUrl);
  });
});

async function restartAndServe(sync: CrashableSync): Promise<void> {
  await sync.restart();
  await sync.whenReady();
  expect((await fetch(`${sync.url}/health/ready`)).status).toBe(200);
}
