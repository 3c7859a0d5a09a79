import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createAmqpBus } from '../infra/amqp/amqp-bus.ts';
import type { EventBus } from '../infra/event-bus.ts';
import { nth, ORIGIN } from './pact/crm-pact-records.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

const amqpUrl = inject('amqpUrl');
if (!amqpUrl)
  process.stderr.write(`sampled validation over RabbitMQ skipped: ${inject('amqpUnavailable')}\n`);

// Over RabbitMQ only when one is there; the reason it is not is printed above.
const buses = [
  { feeds: 'the memory bus', amqp: false },
  ...(amqpUrl ? [{ feeds: 'RabbitMQ', amqp: true }] : []),
];

describe.each(buses)(
  'sampled validation of the CRM and MDM feeds ($feeds) against their reference logs, on real PostgreSQL',
  ({ amqp }) => {
    let system: TestSystem;
    let pool: pg.Pool;
    const prefix = `validate${randomUUID().slice(0, 6)}.`;
    const mq = (clientId: string): EventBus | undefined =>
      amqp ? createAmqpBus({ url: amqpUrl ?? '', clientId, topicPrefix: prefix }) : undefined;
    let simMq: EventBus | undefined;
    let syncMq: EventBus | undefined;
    const position = async (channel: string, entity: string, id: string) =>
      Number(
        (
          await pool.query<{ last_sequence: string }>(
            'SELECT last_sequence FROM entity_sequences WHERE channel = $1 AND entity = $2 AND entity_id = $3',
            [channel, entity, id],
          )
        ).rows[0]?.last_sequence ?? 0,
      );

    beforeAll(async () => {
      simMq = mq('simulator');
      syncMq = mq('sync');
      system = await startTestSystem({
        name: 'sampled_validation',
        seed: 31,
        organisations: 12,
        sim: { mq: simMq },
        sync: (sim) => ({
          mq: syncMq,
          mdmUrl: sim.url,
          sampledValidation: { crmFeedUrl: sim.url, fraction: 1 },
        }),
      });
      pool = new pg.Pool({ connectionString: system.databaseUrl });
    });
    afterAll(async () => {
      await pool.end();
      await system.stop();
      await Promise.all([simMq?.stop(), syncMq?.stop()]);
    });

    it('heals the last message of an entity lost on each feed, which no later message would reveal', async () => {
      const { sim } = system;
      const clientId = [...sim.abs.store.organisations.keys()][2] as string;
      const company = nth(sim.crm.store, 'company', 2);
      sim.mdm.store.change(clientId, { legalAddress: 'г. Казань, ул. Баумана, д. 1' });
      sim.crm.store.update('company', company.id, { name: 'ООО «Первое»' }, ORIGIN);
      await vi.waitFor(
        async () => {
          expect(await position('mdm.mq', 'legal-details', clientId)).toBe(1);
          expect(await position('crm.mq', 'company', company.id)).toBe(1);
        },
        { timeout: 30_000, interval: 100 },
      );
      // The next message of each is lost after it got its number: only the reference log knows.
      sim.faults.add({ id: 'lose-mdm', target: 'mdm.mq', effect: { type: 'sequence-gap' } });
      sim.faults.add({ id: 'lose-crm', target: 'crm.mq', effect: { type: 'sequence-gap' } });
      sim.mdm.store.change(clientId, { legalAddress: 'г. Казань, ул. Баумана, д. 2' });
      sim.crm.store.update('company', company.id, { name: 'ООО «Второе»' }, ORIGIN);
      sim.faults.remove('lose-mdm');
      sim.faults.remove('lose-crm');
      const lost = sim.faults.journal.entries.filter(
        (e) => e.kind === 'injected' && e.ruleId.startsWith('lose-'),
      );
      expect(lost.map((e) => e.ruleId).toSorted()).toEqual(['lose-crm', 'lose-mdm']);

      const outcome = await system.sync.validateSample();
      if (!outcome.ran) throw new Error('expected the validation to take the lock');
      const byChannel = Object.fromEntries(outcome.channels.map((c) => [c.channel, c]));
      expect(byChannel['mdm.mq']).toMatchObject({ behind: 1, healed: 1, referenceBehind: 0, failed: 0 });
      expect(byChannel['crm.mq']).toMatchObject({ behind: 1, healed: 1, referenceBehind: 0, failed: 0 });
      // fraction 1: every cached entity of each channel was checked.
      const cached = await pool.query<{ channel: string; n: number }>(
        'SELECT channel, count(*)::int AS n FROM entity_sequences GROUP BY channel',
      );
      for (const row of cached.rows) expect(byChannel[row.channel]?.checked).toBe(row.n);

      expect(await position('mdm.mq', 'legal-details', clientId)).toBe(2);
      expect(await position('crm.mq', 'company', company.id)).toBe(2);
      const details = await pool.query('SELECT legal_address FROM legal_details WHERE client_id = $1', [
        clientId,
      ]);
      expect(details.rows[0]?.legal_address).toBe('г. Казань, ул. Баумана, д. 2');
      const card = await pool.query(
        "SELECT state->>'name' AS name FROM crm_records WHERE entity = 'company' AND id = $1",
        [company.id],
      );
      expect(card.rows[0]?.name).toBe('ООО «Второе»');

      const metrics = await (await fetch(`${system.sync.url}/metrics`)).text();
      for (const source of ['crm', 'mdm']) {
        expect(metrics).toContain(
          `corebridge_drift_found_total{source="${source}",reason="sequence-behind"} 1`,
        );
        expect(metrics).toContain(
          `corebridge_drift_healed_total{source="${source}",reason="sequence-behind"} 1`,
        );
      }
    });

    it('finds nothing on a second run', async () => {
      const outcome = await system.sync.validateSample();
      expect(outcome.ran && outcome.channels.map((c) => c.behind + c.healed + c.failed)).toEqual([0, 0]);
    });

    it('skips the run while another instance holds its lock', async () => {
      const holder = await pool.connect();
      try {
        await holder.query('SELECT pg_advisory_lock(5163003002)');
        expect(await system.sync.validateSample()).toEqual({ ran: false, reason: 'locked' });
      } finally {
        await holder.query('SELECT pg_advisory_unlock_all()');
        holder.release();
      }
    });
  },
);
