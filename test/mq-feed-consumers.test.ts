import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { MDM_MQ_TOPIC } from '../contracts/mdm/mdm-schemas.ts';
import { createAmqpBus } from '../infra/amqp/amqp-bus.ts';
import { systemClock } from '../infra/clock.ts';
import type { BusMessage, EventBus } from '../infra/event-bus.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { failedTopicOf } from '../sync-service/consumers/park-poison-message.ts';
import { type SyncService, startSyncService } from '../sync-service/start-sync-service.ts';
import { newCompanyFields } from './fixtures/new-client-webhook.ts';
import { testDatabase } from './test-database.ts';

const url = inject('amqpUrl');
if (!url) process.stderr.write(`MQ feed consumer tests skipped: ${inject('amqpUnavailable')}\n`);
const WAIT = { timeout: 30_000, interval: 200 };
const API = { channel: 'api', client: 'crm-user' } as const;

/** The CRM's and the MDM's MQ feeds over a real RabbitMQ into the cache, with lost and doubled messages. */
describe.skipIf(!url)('CRM and MDM feed consumers on RabbitMQ', () => {
  const prefix = `feeds${randomUUID().slice(0, 6)}.`;
  const amqp = (clientId: string) => createAmqpBus({ url: url ?? '', clientId, topicPrefix: prefix });
  let databaseUrl: string;
  let db: pg.Client;
  let bus: EventBus;
  let simMq: EventBus;
  let syncMq: EventBus;
  let sim: Simulator;
  let sync: SyncService;

  beforeAll(async () => {
    databaseUrl = await testDatabase('feeds');
    bus = createMemoryBus();
    simMq = amqp('simulator');
    syncMq = amqp('sync');
    sim = await startSimulator({
      seed: 11,
      dataset: { organisations: 12, accountsPerOrganisation: 1 },
      bus,
      mq: simMq,
      clock: systemClock,
    });
    sync = await startSyncService({
      databaseUrl,
      bus,
      mq: syncMq,
      absUrl: sim.url,
      mdmUrl: sim.url,
      clock: systemClock,
      log: createLogger('test', 'silent'),
    });
    await sync.ready;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await sync.stop();
    await sim.stop();
    await Promise.all([simMq.stop(), syncMq.stop(), bus.stop()]);
  });

  const counter = async (name: string) =>
    (await sync.metrics.registry.getSingleMetricAsString(name)).split('\n').reduce((sum, line) => {
      const value = Number(line.split(' ').at(-1));
      return line.startsWith('#') || Number.isNaN(value) ? sum : sum + value;
    }, 0);

  it('heals lost MDM messages by REST, drops duplicates, and ends equal to the MDM', async () => {
    sim.faults.add({ id: 'lose', target: 'mdm.mq', probability: 0.3, effect: { type: 'sequence-gap' } });
    sim.faults.add({ id: 'twice', target: 'mdm.mq', probability: 0.3, effect: { type: 'duplicate' } });
    const clients = [...sim.abs.store.organisations.keys()].slice(0, 6);
    for (let round = 0; round < 8; round++)
      for (const client of clients)
        sim.mdm.store.change(client, { legalAddress: `Street ${round}, ${client.slice(0, 4)}` });
    // The last change of an entity reveals any gap before it; one more round makes sure each is followed.
    sim.faults.remove('lose');
    for (const client of clients)
      sim.mdm.store.change(client, { legalAddress: `Final street, ${client.slice(0, 4)}` });

    await vi.waitFor(async () => {
      const rows = await db.query<{ client_id: string; legal_address: string; version: number }>(
        'SELECT client_id, legal_address, version FROM legal_details WHERE client_id = ANY($1)',
        [clients],
      );
      expect(rows.rows.length).toBe(clients.length);
      for (const row of rows.rows) {
        const truth = sim.mdm.store.get(row.client_id);
        expect(row).toMatchObject({ legal_address: truth?.legalAddress, version: truth?.version });
      }
    }, WAIT);
    expect(await counter('corebridge_sequence_gaps_total')).toBeGreaterThan(0);
    expect(await counter('corebridge_duplicates_total')).toBeGreaterThan(0);
    sim.faults.remove('twice');
  });

  it('applies CRM card changes from the feed exactly once, newest version last', async () => {
    const company = sim.crm.store.create('company', newCompanyFields('Feed Test LLC'), API);
    for (let i = 1; i <= 5; i++)
      sim.crm.store.update('company', company.id, { phone: `+7 495 000-00-0${i}` }, API);
    await vi.waitFor(async () => {
      const rows = await db.query<{ version: number; state: { phone: string } }>(
        "SELECT version, state FROM crm_records WHERE entity = 'company' AND id = $1",
        [company.id],
      );
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({ version: 6, state: { phone: '+7 495 000-00-05' } });
    }, WAIT);
  });

  it('parks a poison message in the dead-letter table and on the failed topic, and the feed flows on', async () => {
    const failed: BusMessage[] = [];
    const watcher = await syncMq.subscribe({
      groupId: 'failed-watcher',
      topic: failedTopicOf(MDM_MQ_TOPIC),
      handleBatch: async (batch) => {
        failed.push(...batch);
      },
    });
    const client = [...sim.abs.store.organisations.keys()][7] as string;
    await simMq.publish(MDM_MQ_TOPIC, [{ key: client, value: '{"not":"a legal-details message"}' }]);
    sim.mdm.store.change(client, { legalAddress: 'After the poison' });

    await vi.waitFor(async () => {
      const letters = await db.query("SELECT error FROM dead_letters WHERE payload LIKE '%not%'");
      expect(letters.rows).toHaveLength(1);
      expect(failed.map((m) => m.headers['x-failed-topic'])).toContain(`${MDM_MQ_TOPIC}`);
      const row = await db.query('SELECT legal_address FROM legal_details WHERE client_id = $1', [client]);
      expect(row.rows[0]).toMatchObject({ legal_address: 'After the poison' });
    }, WAIT);
    await watcher.stop();
  });
});
