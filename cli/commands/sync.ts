import { createAmqpBus } from '../../infra/amqp/amqp-bus.ts';
import { type Clock, scaledClock, systemClock } from '../../infra/clock.ts';
import { createKafkaBus } from '../../infra/kafka/kafka-bus.ts';
import { createLogger } from '../../infra/logger.ts';
import { createDatabase, startPostgres } from '../../infra/postgres/start-postgres.ts';
import { startSyncService } from '../../sync-service/start-sync-service.ts';
import { syncAuthOf } from '../auth-config.ts';
import type { CliConfig } from '../config.ts';
import { parseNumber } from '../parse-number.ts';
import { waitForSignal } from '../wait-for-signal.ts';

export interface SyncOptions {
  readonly absUrl: string;
  readonly mdmUrl?: string;
  readonly port: string;
  /** Cron (UTC) of the ABS reconciliation; `false` (--no-reconcile) turns it off. */
  readonly reconcile: string | false;
  /** Cron (UTC) of the sampled validation; `false` (--no-validate) turns it off. */
  readonly validate: string | false;
  readonly crmFeedUrl?: string;
  readonly absPullLimit: string;
  readonly topicPrefix?: string;
  readonly kafkaSessionTimeout: string;
  readonly clockSpeed?: string;
  readonly clockOrigin?: string;
  /** Bearer tokens on the bank-facing APIs; `false` only by an explicit `--no-auth`. */
  readonly auth: boolean;
  readonly openMetrics?: boolean;
}

/**
 * The wall clock, or a compressed one that a scenario run shares with its simulator: `speed`
 * scenario ms per real ms since `origin` (epoch ms at which both clocks agreed), so an instance
 * started mid-run picks up the scenario's time where it is.
 */
function clockOf(options: SyncOptions): Clock {
  if (options.clockSpeed === undefined) return systemClock;
  const speed = parseNumber('clock-speed', options.clockSpeed, { integer: false });
  const origin =
    options.clockOrigin === undefined ? Date.now() : parseNumber('clock-origin', options.clockOrigin);
  return scaledClock(speed, origin + (Date.now() - origin) * speed);
}

/** `corebridge sync`: one sync-service instance; run several against the same database and brokers. */
export async function syncCommand(options: SyncOptions, config: CliConfig): Promise<void> {
  // First: a service without its token settings should say so before it connects to anything.
  const auth = syncAuthOf(config.auth, options);
  if (!config.kafkaBrokers) {
    throw new Error(
      'Failed to start the sync service: KAFKA_BROKERS is not set. Start a broker (`npm run infra -- up` prints it) and export KAFKA_BROKERS, or use `corebridge up` for everything in one process.',
    );
  }
  const log = createLogger('sync', config.logLevel ?? 'info');
  if (!auth) log.warn('--no-auth: the read API, bank writes, conflicts and /metrics answer without a token');
  await using postgres = await startPostgres({ databaseUrl: config.databaseUrl });
  if (postgres.origin === 'embedded')
    log.warn('DATABASE_URL is not set: using an embedded PostgreSQL whose data is gone on exit');
  const databaseUrl =
    postgres.origin === 'embedded' ? await createDatabase(postgres.url, 'corebridge') : postgres.url;
  const topicPrefix = options.topicPrefix ?? '';
  await using bus = createKafkaBus({
    brokers: config.kafkaBrokers.split(','),
    clientId: 'corebridge-sync',
    topicPrefix,
    sessionTimeoutMs: parseNumber('kafka-session-timeout', options.kafkaSessionTimeout),
    log,
  });
  // The CRM's and the MDM's feeds come over RabbitMQ when AMQP_URL names one, else over Kafka.
  await using mq = config.amqpUrl
    ? createAmqpBus({ url: config.amqpUrl, clientId: 'corebridge-sync', topicPrefix })
    : undefined;
  await using sync = await startSyncService({
    databaseUrl,
    bus,
    mq,
    absUrl: options.absUrl,
    mdmUrl: options.mdmUrl ?? options.absUrl,
    webhookSecrets: config.webhookSecrets,
    auth,
    absPullLimit: parseNumber('abs-pull-limit', options.absPullLimit, { min: 1 }),
    clock: clockOf(options),
    log,
    port: parseNumber('port', options.port),
    host: config.host,
    crmWriter: config.crmWriter,
    reconcile: options.reconcile === false ? undefined : { cron: options.reconcile },
    sampledValidation:
      options.validate === false
        ? undefined
        : { cron: options.validate, crmFeedUrl: options.crmFeedUrl ?? options.absUrl },
  });
  process.stdout.write(
    `Sync service at ${sync.url}/api/v1 (health ${sync.url}/health/ready). Ctrl-C stops it.\n`,
  );
  await waitForSignal();
}
