import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { systemClock } from '../infra/clock.ts';
import type { EventBus } from '../infra/event-bus.ts';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { createLogger } from '../infra/logger.ts';
import { compareAbsCache } from '../scenarios/checker/compare-abs-cache.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { type SyncService, startSyncService } from '../sync-service/start-sync-service.ts';
import { testDatabase } from './test-database.ts';

const brokers = inject('kafkaBrokers');
if (!brokers) process.stderr.write(`ABS avalanche test skipped: ${inject('kafkaUnavailable')}\n`);
const WAIT = { timeout: 60_000, interval: 250 };

/** Incident I4 on a real broker: megabyte messages of 10 000 closing postings while normal postings flow. */
describe.skipIf(!brokers)('ABS event avalanche on real Kafka', () => {
  let databaseUrl: string;
  let bus: EventBus;
  let sim: Simulator;
  let sync: SyncService;
  const redeliveries: number[] = [];

  beforeAll(async () => {
    databaseUrl = await testDatabase('avalanche');
    bus = createKafkaBus({
      brokers: brokers ?? [],
      clientId: 'avalanche',
      topicPrefix: `av${randomUUID().slice(0, 6)}.`,
    });
    sim = await startSimulator({
      seed: 31,
      dataset: { organisations: 10, accountsPerOrganisation: 2 },
      bus,
      clock: systemClock,
    });
    const log = createLogger('test', 'silent');
    log.warn = ((...args: unknown[]) => {
      if (String(args[1]).includes('redelivering')) redeliveries.push(1);
    }) as typeof log.warn;
    sync = await startSyncService({ databaseUrl, bus, absUrl: sim.url, clock: systemClock, log });
    await sync.ready;
  });
  afterAll(async () => {
    await sync.stop();
    await sim.stop();
    await bus.stop();
  });

  it('drops 10-year-old closing postings by the horizon, in steps, while normal postings converge', async () => {
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    sim.faults.add({ id: 'flood', target: 'abs.events', effect: { type: 'avalanche', messages: 30 } });
    for (let i = 0; i < 20; i++) sim.abs.book(10);
    await vi.waitFor(async () => {
      expect(await sync.metrics.postingsBeyondHorizon.get()).toMatchObject({ values: [{ value: 300_000 }] });
      const comparison = await compareAbsCache(sim.abs.store, databaseUrl);
      expect(comparison).toMatchObject({ lost: 0, duplicated: 0, diverged: 0 });
    }, WAIT);
    stalls.disable();
    process.stdout.write(
      `avalanche of 30 × 10 000 closing postings drained; longest event-loop stall ${(stalls.max / 1e6).toFixed(0)} ms, p99 ${(stalls.percentile(99) / 1e6).toFixed(0)} ms\n`,
    );
    expect(redeliveries).toEqual([]);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const held = await db.query('SELECT count(*)::int AS n FROM closing_postings');
    const parked = await db.query('SELECT count(*)::int AS n FROM dead_letters');
    await db.end();
    expect(held.rows[0]).toEqual({ n: 0 });
    expect(parked.rows[0]).toEqual({ n: 0 });
  });

  it('keeps closing postings inside the horizon, once each, however often they arrive', async () => {
    sim.faults.add({
      id: 'recent',
      target: 'abs.events',
      effect: { type: 'avalanche', messages: 2, itemsPerMessage: 5_000, olderThanDays: 10 },
    });
    await vi.waitFor(async () => {
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      const held = await db.query('SELECT count(*)::int AS n FROM closing_postings');
      await db.end();
      expect(held.rows[0]).toEqual({ n: 10_000 });
    }, WAIT);
  });
});
