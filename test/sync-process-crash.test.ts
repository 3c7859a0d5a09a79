import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createAmqpBus } from '../infra/amqp/amqp-bus.ts';
import { systemClock } from '../infra/clock.ts';
import { freePort } from '../infra/free-port.ts';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { compareAbsCache } from '../scenarios/checker/compare-abs-cache.ts';
import { compareMdmCache } from '../scenarios/checker/compare-mdm-cache.ts';
import { startChildProcessSync } from '../scenarios/runner/crash/child-process-sync.ts';
import { startSimulator } from '../simulator/start-simulator.ts';
import { testDatabase } from './test-database.ts';

const brokers = inject('kafkaBrokers');
const amqpUrl = inject('amqpUrl');
const unavailable = !brokers ? inject('kafkaUnavailable') : !amqpUrl ? inject('amqpUnavailable') : null;
if (unavailable) process.stderr.write(`sync process crash test skipped: ${unavailable}\n`);

describe.skipIf(unavailable !== null)(
  'a sync service process killed mid-traffic, on Kafka and RabbitMQ',
  () => {
    it('stops answering at once, and the next process applies every ABS posting and MDM change once', async () => {
      const databaseUrl = await testDatabase('process_crash');
      const topicPrefix = `pc${randomUUID().slice(0, 6)}.`;
      await using bus = createKafkaBus({ brokers: brokers ?? [], clientId: 'process-crash', topicPrefix });
      await using mq = createAmqpBus({ url: amqpUrl ?? '', clientId: 'process-crash', topicPrefix });
      await using sim = await startSimulator({
        seed: 23,
        dataset: { organisations: 4, accountsPerOrganisation: 2 },
        bus,
        mq,
        clock: systemClock,
      });
      const clients = [...sim.abs.store.organisations.keys()];
      const touched = new Set<string>();
      let changes = 0;
      const work = () => {
        sim.abs.book(10);
        const client = clients[changes % clients.length] as string;
        sim.mdm.store.change(client, { legalAddress: `Moscow, Tverskaya ${++changes}` });
        touched.add(client);
      };
      const port = await freePort();
      const sync = await startChildProcessSync({
        port,
        databaseUrl,
        args: [
          ...['--abs-url', sim.url, '--mdm-url', sim.url, '--port', String(port)],
          // A killed member holds its partitions until its session expires: 6 s, not kafkajs' 30 s.
          ...['--topic-prefix', topicPrefix, '--kafka-session-timeout', '6000'],
        ],
        env: {
          KAFKA_BROKERS: (brokers ?? []).join(','),
          AMQP_URL: amqpUrl ?? '',
          WEBHOOK_SECRETS: '',
          LOG_LEVEL: 'silent',
        },
      });
      // Work keeps arriving through the kill, so the process dies with batches in hand.
      const traffic = setInterval(work, 25);
      try {
        await sync.whenReady();
        await expect.poll(() => sync.applied(), { timeout: 20_000, interval: 200 }).toBeGreaterThan(0);

        await sync.crash();
        await expect(fetch(`${sync.url}/health/live`)).rejects.toThrow();
        await sync.restart();
        await sync.whenReady();
        clearInterval(traffic);

        await expect
          .poll(
            async () => ({
              abs: await compareAbsCache(sim.abs.store, databaseUrl),
              mdm: await compareMdmCache(sim.mdm.store, touched, databaseUrl),
            }),
            { timeout: 45_000, interval: 500 },
          )
          .toMatchObject({
            abs: { lost: 0, duplicated: 0, diverged: 0 },
            mdm: { lost: 0, duplicated: 0, diverged: 0 },
          });
        expect(changes).toBeGreaterThan(0);
      } finally {
        clearInterval(traffic);
        await sync.stop();
      }
    }, 120_000);
  },
);
