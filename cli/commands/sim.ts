import { readFile } from 'node:fs/promises';
import { createAmqpBus } from '../../infra/amqp/amqp-bus.ts';
import { systemClock } from '../../infra/clock.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import { createKafkaBus } from '../../infra/kafka/kafka-bus.ts';
import { startKafka } from '../../infra/kafka/start-kafka.ts';
import { createLogger } from '../../infra/logger.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { startPostingTraffic } from '../../simulator/abs/posting-traffic.ts';
import { startSimulator } from '../../simulator/start-simulator.ts';
import type { CliConfig } from '../config.ts';
import { parseNumber } from '../parse-number.ts';
import { parseSimulatorOptions, type SimulatorCliOptions } from '../simulator-options.ts';
import { waitForSignal } from '../wait-for-signal.ts';

export interface SimOptions extends SimulatorCliOptions {
  readonly port: string;
  readonly kafka: boolean;
  /** false with `--no-abs-capacity`. */
  readonly absCapacity: boolean;
  readonly pubsubPort?: string;
  readonly pubsubCert?: string;
  readonly pubsubKey?: string;
}

/** The Pub/Sub port's TLS pair from the two files, both or neither. */
async function pubsubTlsOf(options: SimOptions) {
  if (!options.pubsubCert && !options.pubsubKey) return undefined;
  if (!options.pubsubCert || !options.pubsubKey) {
    throw new Error(
      'Failed to read the Pub/Sub TLS pair: one file was given. Pass both --pubsub-cert and --pubsub-key.',
    );
  }
  const [cert, key] = await Promise.all([
    readFile(options.pubsubCert, 'utf8'),
    readFile(options.pubsubKey, 'utf8'),
  ]);
  return { cert, key };
}

/** `corebridge sim`: the simulator alone, for client code or a sync service in another process. */
export async function simCommand(options: SimOptions, config: CliConfig): Promise<void> {
  const { seed, dataset, postingsPerSecond: rate } = parseSimulatorOptions(options);
  const log = createLogger('sim', config.logLevel ?? 'info');
  await using kafka = options.kafka || config.kafkaBrokers ? await startKafka() : undefined;
  const bus: EventBus = kafka
    ? createKafkaBus({ brokers: kafka.brokers, clientId: 'corebridge-sim', log })
    : createMemoryBus();
  await using _bus = bus;
  // The CRM's and the MDM's feeds go to RabbitMQ when AMQP_URL names one, as in a bank.
  await using mq = config.amqpUrl
    ? createAmqpBus({ url: config.amqpUrl, clientId: 'corebridge-sim' })
    : undefined;
  await using sim = await startSimulator({
    seed,
    dataset,
    bus,
    mq,
    clock: systemClock,
    port: parseNumber('port', options.port),
    host: config.host,
    absCapacity: options.absCapacity,
    log,
    pubsubPort: options.pubsubPort === undefined ? undefined : parseNumber('pubsub-port', options.pubsubPort),
    pubsubTls: await pubsubTlsOf(options),
  });
  const traffic = startPostingTraffic((n) => sim.abs.book(n), rate, systemClock);
  process.stdout.write(
    [
      'Simulator is up (Ctrl-C stops it):',
      `  ABS REST   ${sim.url}/abs/api/v1/organisations${options.absCapacity ? ' (capacity model on: slower and 503 past 100 requests/s; --no-abs-capacity for load tests)' : ' (no capacity model)'}`,
      `  control    ${sim.url}/_control/openapi.json (Authorization: Bearer ${sim.controlToken})`,
      kafka
        ? `  events     Kafka ${kafka.brokers.join(',')} topic abs.postings, ${rate}/s`
        : `  events     in-process only (pass --kafka or set KAFKA_BROKERS to publish them), ${rate}/s`,
      `  CRM/MDM MQ ${config.amqpUrl ? 'RabbitMQ (AMQP_URL)' : 'on the event bus (set AMQP_URL for RabbitMQ)'}: crm.cards, mdm.legal-details`,
      ...(sim.pubsubAddress ? [`  Pub/Sub    ${sim.pubsubAddress} (Salesforce Pub/Sub API, gRPC)`] : []),
      '',
    ].join('\n'),
  );
  await waitForSignal();
  traffic.stop();
}
