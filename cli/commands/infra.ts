import { setTimeout as sleep } from 'node:timers/promises';
import amqp from 'amqplib';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { startRabbitMq } from '../../infra/amqp/start-rabbitmq.ts';
import { k6Binary } from '../../infra/k6/k6-binary.ts';
import { ensureKafkaJars, kafkaLibsDir } from '../../infra/kafka/kafka-jars.ts';
import { startKafka } from '../../infra/kafka/start-kafka.ts';
import { startPostgres } from '../../infra/postgres/start-postgres.ts';
import { findExecutable } from '../../infra/process/find-executable.ts';
import type { CliConfig } from '../config.ts';
import {
  clearInfraState,
  INFRA_STATE_FILE,
  isAlive,
  readInfraState,
  writeInfraState,
} from '../infra-state.ts';
import { waitForSignal } from '../wait-for-signal.ts';

async function up(config: CliConfig): Promise<number> {
  const running = await readInfraState();
  if (running && isAlive(running.pid)) {
    process.stderr.write(
      `Infrastructure already runs (pid ${running.pid}). \`npm run infra -- down\` stops it.\n`,
    );
    return 1;
  }
  process.stderr.write('Starting PostgreSQL, Kafka and RabbitMQ…\n');
  await using postgres = await startPostgres({ databaseUrl: config.databaseUrl });
  await using kafka = await startKafka();
  await using rabbit = await startRabbitMq();
  const state = {
    pid: process.pid,
    databaseUrl: postgres.url,
    kafkaBrokers: kafka.brokers.join(','),
    amqpUrl: rabbit.url,
    startedAt: new Date().toISOString(),
  };
  await writeInfraState(state);
  process.stdout.write(
    [
      `PostgreSQL (${postgres.origin}), Kafka (${kafka.origin}) and RabbitMQ (${rabbit.origin}) are up. In another shell:`,
      `  export DATABASE_URL='${state.databaseUrl}'`,
      `  export KAFKA_BROKERS='${state.kafkaBrokers}'`,
      `  export AMQP_URL='${state.amqpUrl}'`,
      'Ctrl-C here or `npm run infra -- down` stops them.',
      '',
    ].join('\n'),
  );
  await waitForSignal();
  await clearInfraState();
  return 0;
}

async function down(): Promise<number> {
  const state = await readInfraState();
  if (!state || !isAlive(state.pid)) {
    await clearInfraState();
    process.stdout.write('Infrastructure is not running.\n');
    return 0;
  }
  process.kill(state.pid, 'SIGTERM');
  for (let i = 0; i < 300 && isAlive(state.pid); i++) await sleep(100);
  if (isAlive(state.pid)) {
    process.stderr.write(
      `Failed to stop infrastructure: pid ${state.pid} still runs after 30 s. Kill it by hand.\n`,
    );
    return 1;
  }
  process.stdout.write('Infrastructure stopped.\n');
  return 0;
}

async function probe(name: string, check: () => Promise<unknown>): Promise<boolean> {
  const ok = await check().then(
    () => true,
    () => false,
  );
  process.stdout.write(`  ${name.padEnd(11)} ${ok ? 'up' : 'DOWN'}\n`);
  return ok;
}

async function status(): Promise<number> {
  const state = await readInfraState();
  if (!state || !isAlive(state.pid)) {
    process.stdout.write(`Infrastructure is not running (no live process in ${INFRA_STATE_FILE}).\n`);
    return 3;
  }
  process.stdout.write(`Infrastructure pid ${state.pid}, up since ${state.startedAt}:\n`);
  const database = await probe('PostgreSQL', async () => {
    const client = new pg.Client({ connectionString: state.databaseUrl });
    await client.connect();
    await client.end();
  });
  const kafka = await probe('Kafka', async () => {
    const admin = new Kafka({ brokers: state.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.listTopics();
    await admin.disconnect();
  });
  const rabbit = await probe('RabbitMQ', async () => {
    const connection = await amqp.connect(state.amqpUrl);
    await connection.close();
  });
  return database && kafka && rabbit ? 0 : 1;
}

/**
 * Fetches Kafka's jars and builds k6 into the cache now, so the first broker start or load run is
 * not the slow one (CI provisioning).
 */
async function prepare(): Promise<number> {
  const libsDir = kafkaLibsDir(process.env);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  await ensureKafkaJars({ libsDir, mvn: findExecutable('mvn', process.env), env: process.env, progress });
  process.stdout.write(`Kafka jars ready in ${libsDir}\n`);
  const k6 = await k6Binary({ env: process.env, go: findExecutable('go', process.env), progress });
  process.stdout.write(`k6 ready at ${k6}\n`);
  return 0;
}

/** `npm run infra -- up|down|status|prepare`: the same start-up code as tests and the CLI, kept running for development. */
export async function infraCommand(action: string, config: CliConfig): Promise<number> {
  if (action === 'up') return up(config);
  if (action === 'down') return down();
  if (action === 'status') return status();
  if (action === 'prepare') return prepare();
  throw new Error(`Unknown infra action "${action}". Use up, down, status or prepare.`);
}
