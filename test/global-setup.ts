import type { TestProject } from 'vitest/node';
import { isKafkaUnavailableError } from '../infra/kafka/kafka-unavailable-error.ts';
import { startKafka } from '../infra/kafka/start-kafka.ts';
import { startPostgres } from '../infra/postgres/start-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `postgres` database of the run's server; test files create databases of their own on it. */
    postgresUrl: string;
    /** Brokers of the run's real Kafka, or null when none could start (see kafkaUnavailable). */
    kafkaBrokers: string[] | null;
    kafkaUnavailable: string | null;
  }
}

/**
 * Starts the real servers once per run. In CI (`CI=true`) a server that cannot start fails the run;
 * on a laptop without Java or Docker the Kafka suites skip and print why.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const postgres = await startPostgres({ databaseUrl: process.env.DATABASE_URL });
  project.provide('postgresUrl', postgres.url);
  let kafka: Awaited<ReturnType<typeof startKafka>> | undefined;
  try {
    kafka = await startKafka();
    process.stderr.write(`[test setup] Kafka (${kafka.origin}) at ${kafka.brokers.join(',')}\n`);
    project.provide('kafkaBrokers', kafka.brokers);
    project.provide('kafkaUnavailable', null);
  } catch (error) {
    if (ci || !isKafkaUnavailableError(error)) {
      await postgres.stop();
      throw error;
    }
    process.stderr.write(`[test setup] Kafka suites will skip: ${error.message}\n`);
    project.provide('kafkaBrokers', null);
    project.provide('kafkaUnavailable', error.message);
  }
  return async () => {
    await kafka?.stop();
    await postgres.stop();
  };
}
