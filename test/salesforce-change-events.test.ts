import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CRM_TEST_CREDENTIALS } from '../simulator/crm/crm-flavor.ts';
import type { Simulator } from '../simulator/start-simulator.ts';
import { createCrmFetcher } from '../sync-service/crm/create-crm-fetcher.ts';
import type { SyncService } from '../sync-service/start-sync-service.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

const WAIT = { timeout: 20_000, interval: 100 };
const UI = { channel: 'ui', client: null } as const;

/** Salesforce change data capture into the cache: each event a point fetch, GAP_* fetched by id, GAP_OVERFLOW re-read. */
describe('Salesforce change events into the cache, against the simulated org', () => {
  let system: TestSystem;
  let sim: Simulator;
  let sync: SyncService;
  let db: pg.Client;

  beforeAll(async () => {
    system = await startTestSystem({
      name: 'cdc',
      seed: 51,
      organisations: 6,
      sync: (simulator) => ({
        crmFetcher: createCrmFetcher({
          flavor: 'salesforce',
          credentials: { ...CRM_TEST_CREDENTIALS.salesforce, loginUrl: simulator.url },
        }),
        salesforceCdc: true,
      }),
    });
    ({ sim, sync } = system);
    const { databaseUrl } = system;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await system.stop();
  });

  const phoneOf = async (id: string) =>
    (
      await db.query(
        "SELECT state->>'phone' AS phone FROM crm_records WHERE entity = 'company' AND id = $1",
        [id],
      )
    ).rows[0]?.phone;
  const gaps = async () =>
    (await sync.metrics.gaps.get()).values.find((v) => v.labels.channel === 'crm.cdc')?.value ?? 0;

  it('fetches the record a change event names and caches the CRM’s state of it', async () => {
    sim.crm.store.update('company', '2', { phone: '+7 495 200-00-01' }, UI);
    await vi.waitFor(async () => expect(await phoneOf('2')).toBe('+7 495 200-00-01'), WAIT);
  });

  it('fetches by id the records a GAP_UPDATE names', async () => {
    sim.faults.add({ id: 'gap', target: 'crm.events', effect: { type: 'sequence-gap' } });
    sim.crm.store.update('company', '3', { phone: '+7 495 300-00-01' }, UI);
    sim.faults.remove('gap');
    await vi.waitFor(async () => expect(await phoneOf('3')).toBe('+7 495 300-00-01'), WAIT);
    expect(await gaps()).toBeGreaterThanOrEqual(1);
  });

  it('re-reads the entity type after a GAP_OVERFLOW, which names no record', async () => {
    sim.faults.add({
      id: 'overflow',
      target: 'crm.events',
      effect: { type: 'sequence-gap', consumeNumber: false },
    });
    sim.crm.store.update('company', '4', { phone: '+7 495 400-00-01' }, UI);
    sim.faults.remove('overflow');
    await vi.waitFor(async () => expect(await phoneOf('4')).toBe('+7 495 400-00-01'), WAIT);
    expect(await gaps()).toBeGreaterThanOrEqual(2);
  });
});
