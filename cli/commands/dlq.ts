import pg from 'pg';
import { createAmqpBus } from '../../infra/amqp/amqp-bus.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import { createKafkaBus } from '../../infra/kafka/kafka-bus.ts';
import { listDeadLetters } from '../../sync-service/dlq/list-dead-letters.ts';
import { redriveDeadLetters } from '../../sync-service/dlq/redrive-dead-letters.ts';
import type { CliConfig } from '../config.ts';
import { requireDatabase } from '../require-database.ts';

export interface DlqOptions {
  readonly topic?: string;
  readonly json?: boolean;
  readonly all?: boolean;
}

/** `corebridge dlq list`: what the consumers parked, oldest first. */
export async function dlqList(options: DlqOptions, config: CliConfig): Promise<number> {
  const pool = new pg.Pool({ connectionString: requireDatabase(config, 'the dead-letter store') });
  try {
    const letters = await listDeadLetters(pool, { topic: options.topic, includeRedriven: options.all });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
      return 0;
    }
    if (letters.length === 0) process.stdout.write('No dead letters.\n');
    for (const l of letters) {
      const age = Math.round((Date.now() - l.createdAt.getTime()) / 1000);
      const state = l.redrivenAt ? ` (redriven ${l.redrivenAt.toISOString()})` : '';
      process.stdout.write(
        `${l.id.padStart(6)}  ${l.topic}  key=${l.key}  ${age}s ago${state}\n        ${l.error}\n`,
      );
    }
    return 0;
  } finally {
    await pool.end();
  }
}

/** `corebridge dlq redrive <id…> | --all [--topic t]`: back to their topics; the feeds' topics go to RabbitMQ when AMQP_URL is set. */
export async function dlqRedrive(ids: string[], options: DlqOptions, config: CliConfig): Promise<number> {
  if (ids.length === 0 && !options.all)
    throw new Error(
      'Failed to redrive: name the dead letters (ids from `corebridge dlq list`) or pass --all.',
    );
  if (ids.some((id) => !/^\d+$/.test(id)))
    throw new Error(`Failed to redrive: ids are numbers, got ${ids.join(' ')}.`);
  const pool = new pg.Pool({ connectionString: requireDatabase(config, 'the dead-letter store') });
  const buses = new Map<string, EventBus>();
  const busFor = (topic: string): EventBus => {
    const feed = (topic.startsWith('crm.cards') || topic.startsWith('mdm.')) && config.amqpUrl;
    const kind = feed ? 'amqp' : 'kafka';
    let bus = buses.get(kind);
    if (!bus) {
      if (feed) bus = createAmqpBus({ url: config.amqpUrl ?? '', clientId: 'corebridge-dlq' });
      else if (config.kafkaBrokers)
        bus = createKafkaBus({ brokers: config.kafkaBrokers.split(','), clientId: 'corebridge-dlq' });
      else
        throw new Error(
          `Failed to redrive to ${topic}: KAFKA_BROKERS is not set. Export the brokers the sync service consumes from.`,
        );
      buses.set(kind, bus);
    }
    return bus;
  };
  try {
    const count = await redriveDeadLetters(pool, busFor, {
      ids: ids.length > 0 ? ids : undefined,
      topic: options.topic,
    });
    process.stdout.write(`Redrove ${count} dead letter(s).\n`);
    return 0;
  } finally {
    await Promise.all([...buses.values()].map((b) => b.stop()));
    await pool.end();
  }
}
