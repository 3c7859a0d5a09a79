import type { Command } from 'commander';
import { syncDefaults } from '../sync-service/defaults.ts';

/**
 * The options of `corebridge sync`. Their defaults and the help that names them come from
 * sync-service/defaults.ts, so `--help` cannot tell another value than the service uses.
 */
export function addSyncOptions(command: Command): Command {
  const validatedShare = `${syncDefaults.validationFraction * 100} %`;
  return command
    .requiredOption('--abs-url <url>', 'base URL of the ABS (the simulator), e.g. http://127.0.0.1:8081')
    .option('--mdm-url <url>', 'base URL of the MDM (default: the ABS URL, as the simulator serves both)')
    .option('--port <port>', 'port (0 = any free)', '8080')
    .option(
      '--reconcile <cron>',
      'when to reconcile with the ABS replica snapshot (cron, UTC; one instance runs it)',
      syncDefaults.reconcileCron,
    )
    .option('--no-reconcile', 'never reconcile on a schedule (`corebridge reconcile` still works)')
    .option(
      '--validate <cron>',
      `when to check ${validatedShare} of the clients against the CRM feed’s and the MDM’s reference logs (cron, UTC)`,
      syncDefaults.validateCron,
    )
    .option('--no-validate', 'never run the sampled validation')
    .option(
      '--crm-feed-url <url>',
      'base URL of the CRM feed’s reference log (default: the ABS URL, as the simulator serves both)',
    )
    .option(
      '--abs-pull-limit <n>',
      'ABS calls in flight across all instances',
      String(syncDefaults.absPullLimit),
    )
    .option(
      '--topic-prefix <prefix>',
      'prepended to every Kafka topic and RabbitMQ exchange name (default none)',
    )
    .option(
      '--kafka-session-timeout <ms>',
      'how long the group waits for a silent (killed) instance before handing its partitions on',
      String(syncDefaults.kafkaSessionTimeoutMs),
    )
    .option(
      '--clock-speed <n>',
      'follow a compressed scenario clock: scenario ms per real ms (default: wall clock)',
    )
    .option('--clock-origin <ms>', 'with --clock-speed: the epoch ms at which the scenario clock started')
    .option(
      '--no-auth',
      'serve the read API, bank writes, conflicts and /metrics without bearer tokens (default: AUTH_ISSUER, AUTH_AUDIENCE and AUTH_JWKS_URL or AUTH_PUBLIC_KEY are required); only where nothing but trusted callers reach the port',
    )
    .option(
      '--open-metrics',
      'serve /metrics without a token (default: a token with metrics:read), for a scraper that cannot send one',
    );
}
