import type { Clock } from '../../infra/clock.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import type { Logger } from '../../infra/logger.ts';
import { crmWriterEnv } from '../../sync-service/crm-writer/crm-writer-env.ts';
import { type SyncServiceOptions, startSyncService } from '../../sync-service/start-sync-service.ts';
import { startChildProcessSync } from './crash/child-process-sync.ts';
import { planCrashes } from './crash/crash-plan.ts';
import { startEmulatedCrashSync } from './crash/emulated-crash-sync.ts';
import type { ScenarioEnvironment } from './scenario-environment.ts';
import type { Scenario } from './scenario-schema.ts';
import { simulatedCrmOf } from './simulated-crm.ts';
import { type CrashableSync, inProcessSync, type SyncUnderTest } from './sync-under-test.ts';

export interface SyncWiring {
  readonly scenario: Scenario;
  readonly environment: ScenarioEnvironment;
  readonly databaseUrl: string;
  readonly bus: EventBus;
  readonly mq: EventBus | undefined;
  readonly topicPrefix: string;
  readonly port: number;
  readonly simulatorUrl: string;
  readonly webhookSecret: string | undefined;
  readonly clock: Clock;
  /** Epoch ms at which the scenario clock started, for a process that must follow it. */
  readonly clockOrigin: number;
  readonly log: Logger;
  /** Changes the in-process service's options; a sync process of its own takes only its flags. */
  readonly customizeSync?: ((options: SyncServiceOptions) => SyncServiceOptions) | undefined;
}

/**
 * A crashed process's partitions wait this long before the group hands them on (ms): the broker's
 * default minimum, so each kill stalls the ABS postings for seconds rather than kafkajs' 30 s.
 */
const KAFKA_SESSION_TIMEOUT_MS = 6_000;

/**
 * The sync service as the scenario needs it: in the runner's process as before, unless the timeline
 * crashes it. Then, on a real broker, as a process of its own that a crash kills with SIGKILL; on the
 * memory bus, which lives in the runner's process, as an in-process instance whose crash is emulated.
 */
export async function startSyncUnderTest(
  wiring: SyncWiring,
): Promise<{ sync: SyncUnderTest; crashable?: CrashableSync }> {
  const { scenario, environment } = wiring;
  const options: Omit<SyncServiceOptions, 'databaseUrl' | 'bus'> = {
    absUrl: wiring.simulatorUrl,
    mdmUrl: wiring.simulatorUrl,
    webhookSecrets: wiring.webhookSecret ? [wiring.webhookSecret] : undefined,
    absPullLimit: scenario.sync.absPullLimit,
    crmWriter: scenario.sync.crmWriter ? simulatedCrmOf(scenario.crmFlavor, wiring.simulatorUrl) : undefined,
    // Looked at every 50 ms of real time: a few hundred ms of scenario time at the usual speeds.
    reconcile: scenario.sync.reconcileCron
      ? { cron: scenario.sync.reconcileCron, checkEveryMs: 50 }
      : undefined,
    clock: wiring.clock,
    log: wiring.log,
  };
  const customize = wiring.customizeSync ?? ((o: SyncServiceOptions) => o);
  if (planCrashes(scenario).length === 0) {
    const { databaseUrl, bus, mq, port } = wiring;
    return {
      sync: inProcessSync(await startSyncService(customize({ ...options, databaseUrl, bus, mq, port }))),
    };
  }
  if (wiring.bus.kind === 'memory') {
    const crashable = await startEmulatedCrashSync({
      port: wiring.port,
      databaseUrl: wiring.databaseUrl,
      sourcesUrl: wiring.simulatorUrl,
      bus: wiring.bus,
      mq: wiring.mq,
      start: (instance) => startSyncService(customize({ ...options, ...instance })),
    });
    return { sync: crashable, crashable };
  }
  const { servers } = environment;
  if (!servers)
    throw new Error(
      `Failed to start a crashable sync service: the ${wiring.bus.kind} bus has no broker address for a process of its own. Run with --kafka or on the memory bus.`,
    );
  const crashable = await startChildProcessSync({
    port: wiring.port,
    databaseUrl: wiring.databaseUrl,
    args: [
      ...['--abs-url', wiring.simulatorUrl, '--mdm-url', wiring.simulatorUrl],
      ...['--port', String(wiring.port), '--topic-prefix', wiring.topicPrefix],
      ...['--kafka-session-timeout', String(KAFKA_SESSION_TIMEOUT_MS)],
      ...['--clock-speed', String(scenario.speed), '--clock-origin', String(wiring.clockOrigin)],
      ...(scenario.sync.absPullLimit ? ['--abs-pull-limit', String(scenario.sync.absPullLimit)] : []),
    ],
    env: {
      KAFKA_BROKERS: servers.kafkaBrokers.join(','),
      AMQP_URL: servers.amqpUrl,
      WEBHOOK_SECRETS: wiring.webhookSecret ?? '',
      ...(options.crmWriter ? crmWriterEnv(options.crmWriter) : {}),
      // The level the edge chose for this run's log (LOG_LEVEL, else the command's own), not the environment's.
      LOG_LEVEL: wiring.log.level,
    },
  });
  return { sync: crashable, crashable };
}
