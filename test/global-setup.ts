import type { TestProject } from 'vitest/node';
import { isAmqpUnavailableError } from '../infra/amqp/amqp-unavailable-error.ts';
import { startRabbitMq } from '../infra/amqp/start-rabbitmq.ts';
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
    /** URL of the run's real RabbitMQ, or null when none could start (see amqpUnavailable). */
    amqpUrl: string | null;
    amqpUnavailable: string | null;
  }
}

/**
 * Starts the real servers once per run, side by side (a JVM and an Erlang VM boot in parallel in
 * about the time of the slower one). In CI (`CI=true`) a server that cannot start fails the run;
 * on a laptop without Java, RabbitMQ or Docker the Kafka and AMQP suites skip and print why.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const [postgres, kafka, rabbit] = await Promise.allSettled([
    startPostgres({ databaseUrl: process.env.DATABASE_URL }),
    startKafka(),
    startRabbitMq(),
  ]);
  const started = [postgres, kafka, rabbit].flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const stopAll = async () => {
    await Promise.all(started.map((server) => server.stop()));
  };
  const fatal = [
    postgres.status === 'rejected' ? postgres.reason : undefined,
    kafka.status === 'rejected' && (ci || !isKafkaUnavailableError(kafka.reason)) ? kafka.reason : undefined,
    rabbit.status === 'rejected' && (ci || !isAmqpUnavailableError(rabbit.reason))
      ? rabbit.reason
      : undefined,
  ].find((reason) => reason !== undefined);
  if (fatal !== undefined || postgres.status === 'rejected') {
    await stopAll();
    throw fatal;
  }
  project.provide('postgresUrl', postgres.value.url);

  if (kafka.status === 'fulfilled') {
    process.stderr.write(`[test setup] Kafka (${kafka.value.origin}) at ${kafka.value.brokers.join(',')}\n`);
    project.provide('kafkaBrokers', kafka.value.brokers);
    project.provide('kafkaUnavailable', null);
  } else {
    const reason = (kafka.reason as Error).message;
    process.stderr.write(`[test setup] Kafka suites will skip: ${reason}\n`);
    project.provide('kafkaBrokers', null);
    project.provide('kafkaUnavailable', reason);
  }

  if (rabbit.status === 'fulfilled') {
    process.stderr.write(`[test setup] RabbitMQ (${rabbit.value.origin}) at ${rabbit.value.url}\n`);
    project.provide('amqpUrl', rabbit.value.url);
    project.provide('amqpUnavailable', null);
  } else {
    const reason = (rabbit.reason as Error).message;
    process.stderr.write(`[test setup] AMQP suites will skip: ${reason}\n`);
    project.provide('amqpUrl', null);
    project.provide('amqpUnavailable', reason);
  }
  return stopAll;
}
