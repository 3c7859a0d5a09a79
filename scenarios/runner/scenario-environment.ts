import { randomUUID } from 'node:crypto';
import type { EventBus } from '../../infra/event-bus.ts';
import { createKafkaBus } from '../../infra/kafka/kafka-bus.ts';
import { startKafka } from '../../infra/kafka/start-kafka.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createDatabase, startPostgres } from '../../infra/postgres/start-postgres.ts';

/** What scenario runs share: one PostgreSQL server and, with `kafka`, one broker. Each run gets its own database and topics. */
export interface ScenarioEnvironment {
  readonly busKind: 'memory' | 'kafka';
  readonly describe: string;
  newDatabase(): Promise<string>;
  newBus(): EventBus;
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
  try {
    broker = options.kafka ? await startKafka() : undefined;
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  const runId = () => randomUUID().replaceAll('-', '').slice(0, 12);
  const stop = async () => {
    await broker?.stop();
    await postgres.stop();
  };
  return {
    busKind: broker ? 'kafka' : 'memory',
    describe: `PostgreSQL (${postgres.origin}), ${broker ? `Kafka ${broker.brokers.join(',')} (${broker.origin})` : 'memory bus'}`,
    newDatabase: () => createDatabase(postgres.url, `scenario_${runId()}`),
    newBus: () =>
      broker
        ? createKafkaBus({
            brokers: broker.brokers,
            clientId: 'corebridge-scenario',
            topicPrefix: `run-${runId()}.`,
          })
        : createMemoryBus(),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
