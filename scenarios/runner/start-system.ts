import { randomBytes } from 'node:crypto';
import type { Clock } from '../../infra/clock.ts';
import type { EventBus } from '../../infra/event-bus.ts';
import { freePort } from '../../infra/free-port.ts';
import type { Logger } from '../../infra/logger.ts';
import { CRM_TEST_CREDENTIALS } from '../../simulator/crm/crm-flavor.ts';
import { type Simulator, startSimulator } from '../../simulator/start-simulator.ts';
import type { CrmWriterConfig } from '../../sync-service/crm-writer/create-crm-writer.ts';
import { type SyncService, startSyncService } from '../../sync-service/start-sync-service.ts';
import type { ScenarioEnvironment } from './scenario-environment.ts';
import type { Scenario } from './scenario-schema.ts';

export interface SystemUnderTest {
  readonly databaseUrl: string;
  readonly bus: EventBus;
  readonly sim: Simulator;
  readonly sync: SyncService;
  /** Where and with what the CRM signs webhooks, when the scenario turns them on. */
  readonly intake?: { readonly url: string; readonly secret: string };
  stop(): Promise<void>;
}

/**
 * The simulator and one sync service wired as in production, on a fresh database and bus: ABS
 * topics on the bus (memory or Kafka), the CRM/MDM feeds on the MQ (memory or RabbitMQ), the MDM
 * point fetches against the simulator, and the CRM's signed webhooks into the intake if asked.
 */
export async function startSystem(
  scenario: Scenario,
  environment: ScenarioEnvironment,
  clock: Clock,
  log: Logger,
): Promise<SystemUnderTest> {
  const databaseUrl = await environment.newDatabase();
  const bus = environment.newBus();
  const mq = environment.newMq?.();
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
    clock,
    // Injected latency waits in scenario time, so a 2 s stall stays 2 s of the scenario's story.
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / scenario.speed)),
    crmWebhook: intake,
    crmFlavor: scenario.crmFlavor,
  });
  const sync = await startSyncService({
    databaseUrl,
    bus,
    mq,
    absUrl: sim.url,
    mdmUrl: sim.url,
    webhookSecrets: intake ? [secret] : undefined,
    absPullLimit: scenario.sync.absPullLimit,
    crmWriter: scenario.sync.crmWriter ? crmWriterOf(scenario.crmFlavor, sim.url) : undefined,
    // Looked at every 50 ms of real time: a few hundred ms of scenario time at the usual speeds.
    reconcile: scenario.sync.reconcileCron
      ? { cron: scenario.sync.reconcileCron, checkEveryMs: 50 }
      : undefined,
    clock,
    log,
    port,
  });
  return {
    databaseUrl,
    bus,
    sim,
    sync,
    intake,
    async stop() {
      await sync.stop();
      await sim.stop();
      await mq?.stop();
      await bus.stop();
    },
  };
}

/** The sync service's connection to the simulated CRM, as the integration user of its flavor. */
function crmWriterOf(flavor: Scenario['crmFlavor'], simUrl: string): CrmWriterConfig {
  if (flavor === 'salesforce')
    return { flavor, credentials: { ...CRM_TEST_CREDENTIALS.salesforce, loginUrl: simUrl } };
  const { userId, token } = CRM_TEST_CREDENTIALS.bitrix24;
  return { flavor, webhookUrl: `${simUrl}/rest/${userId}/${token}/` };
}
