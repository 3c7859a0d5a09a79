import { randomUUID } from 'node:crypto';
import { createAmqpBus } from '../../infra/amqp/amqp-bus.ts';
import { startRabbitMq } from '../../infra/amqp/start-rabbitmq.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import { createKafkaBus } from '../../infra/kafka/kafka-bus.ts';
import { startKafka } from '../../infra/kafka/start-kafka.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createDatabase, startPostgres } from '../../infra/postgres/start-postgres.ts';

/**
 * What scenario runs share: one PostgreSQL server and, with `kafka`, one Kafka broker for the ABS's
 * topics and one RabbitMQ for the CRM/MDM feeds, as a bank runs them. Each run gets its own
 * database, topics and exchanges.
 */
export interface ScenarioEnvironment {
  readonly busKind: 'memory' | 'kafka';
  readonly describe: string;
  newDatabase(): Promise<string>;
  /** A run's bus; `topicPrefix` names its topics (default: a fresh one). */
  newBus(topicPrefix?: string): EventBus;
  /** The CRM/MDM feeds' own transport (RabbitMQ with `kafka`); undefined: they share the bus. */
  newMq?(topicPrefix?: string): EventBus | undefined;
  /** With `kafka`: where a sync service running as a process of its own finds the broker and RabbitMQ. */
  readonly servers?: { readonly kafkaBrokers: readonly string[]; readonly amqpUrl: string };
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface EnvironmentOptions {
  readonly kafka: boolean;
  readonly databaseUrl?: string | undefined;
}

export async function startScenarioEnvironment(options: EnvironmentOptions): Promise<ScenarioEnvironment> {
  const postgres = await startPostgres({ databaseUrl: options.databaseUrl });
  let broker: Awaited<ReturnType<typeof startKafka>> | undefined;
  let rabbit: Awaited<ReturnType<typeof startRabbitMq>> | undefined;
  try {
    [broker, rabbit] = options.kafka ? await Promise.all([startKafka(), startRabbitMq()]) : [];
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  const runId = () => randomUUID().replaceAll('-', '').slice(0, 12);
  const stop = async () => {
    await broker?.stop();
    await rabbit?.stop();
    await postgres.stop();
  };
  return {
    busKind: broker ? 'kafka' : 'memory',
    describe: `PostgreSQL (${postgres.origin}), ${broker && rabbit ? `Kafka ${broker.brokers.join(',')} (${broker.origin}), RabbitMQ (${rabbit.origin})` : 'memory bus'}`,
    newDatabase: () => createDatabase(postgres.url, `scenario_${runId()}`),
    newBus: (topicPrefix = `run-${runId()}.`) =>
      broker
        ? createKafkaBus({ brokers: broker.brokers, clientId: 'corebridge-scenario', topicPrefix })
        : createMemoryBus(),
    newMq: (topicPrefix = `run-${runId()}.`) =>
      rabbit ? createAmqpBus({ url: rabbit.url, clientId: 'corebridge-scenario', topicPrefix }) : undefined,
    servers: broker && rabbit ? { kafkaBrokers: broker.brokers, amqpUrl: rabbit.url } : undefined,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
