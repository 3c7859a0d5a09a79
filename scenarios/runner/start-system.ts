import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../infra/clock.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import { freePort } from '../../infra/free-port.ts';
import type { Logger } from '../../infra/logger.ts';
import { type Simulator, startSimulator } from '../../simulator/start-simulator.ts';
import type { SyncServiceOptions } from '../../sync-service/start-sync-service.ts';
import type { ScenarioEnvironment } from './scenario-environment.ts';
import type { Scenario } from './scenario-schema.ts';
import { startSyncUnderTest } from './start-sync-under-test.ts';
import type { CrashableSync, SyncUnderTest } from './sync-under-test.ts';

export interface SystemUnderTest {
  readonly databaseUrl: string;
  readonly bus: EventBus;
  readonly sim: Simulator;
  readonly sync: SyncUnderTest;
  /** The same service when the timeline crashes it. */
  readonly crashable?: CrashableSync;
  /** Where and with what the CRM signs webhooks, when the scenario turns them on. */
  readonly intake?: { readonly url: string; readonly secret: string };
  stop(): Promise<void>;
}

/**
 * The simulator and one sync service wired as in production, on a fresh database and bus: ABS
 * topics on the bus (memory or Kafka), the CRM/MDM feeds on the MQ (memory or RabbitMQ), the MDM
 * point fetches against the simulator, and the CRM's signed webhooks into the intake if asked.
 */
export interface SystemClocks {
  /** The scenario clock the sync service runs on. */
  readonly clock: Clock;
  /** Epoch ms at which `clock` started; a sync service in a process of its own follows it. */
  readonly clockOrigin: number;
  /** The simulator's clock: `clock` held back to the scheduled traffic by the runner. Default: `clock`. */
  readonly sourceClock?: Clock;
}

export async function startSystem(
  scenario: Scenario,
  environment: ScenarioEnvironment,
  clocks: SystemClocks,
  log: Logger,
  /** Changes the in-process sync service's options (see RunOptions.customizeSync). */
  customizeSync?: (options: SyncServiceOptions) => SyncServiceOptions,
): Promise<SystemUnderTest> {
  const databaseUrl = await environment.newDatabase();
  // One prefix for the bus and the MQ, so a sync process of its own can be told where the run's topics are.
  const topicPrefix = `run-${randomUUID().replaceAll('-', '').slice(0, 12)}.`;
  const bus = environment.newBus(topicPrefix);
  const mq = environment.newMq?.(topicPrefix);
  const secret = randomBytes(16).toString('hex');
  const port = await freePort();
  const intake = scenario.sync.webhooks
    ? { url: `http://127.0.0.1:${port}/webhooks/crm`, secret }
    : undefined;
  const sim = await startSimulator({
    seed: scenario.seed,
    dataset: scenario.dataset,
    bus,
    mq,
    clock: clocks.sourceClock ?? clocks.clock,
    // Injected latency waits in scenario time, so a 2 s stall stays 2 s of the scenario's story.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / scenario.speed)),
    crmWebhook: intake,
    crmFlavor: scenario.crmFlavor,
  });
  const stopSources = async () => {
    await sim.stop();
    await mq?.stop();
    await bus.stop();
  };
  // A sync process of its own can fail to start; the simulator and the buses must not outlive that.
  const { sync, crashable } = await startSyncUnderTest({
    scenario,
    environment,
    databaseUrl,
    bus,
    mq,
    topicPrefix,
    port,
    simulatorUrl: sim.url,
    webhookSecret: intake ? secret : undefined,
    clock: clocks.clock,
    clockOrigin: clocks.clockOrigin,
    log,
    customizeSync,
  }).catch(async (error: unknown) => {
    await stopSources();
    throw error;
  });
  return {
    databaseUrl,
    bus,
    sim,
    sync,
    crashable,
    intake,
    async stop() {
      await sync.stop();
      await stopSources();
    },
  };
}
