import { randomBytes } from 'node:crypto';
import { systemClock } from '../infra/clock.ts';
import { freePort } from '../infra/free-port.ts';
import type { Logger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { createDatabase, startPostgres } from '../infra/postgres/start-postgres.ts';
import { simulatedCrmOf } from '../scenarios/runner/simulated-crm.ts';
import type { SimulatorOptions } from '../simulator/start-simulator.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { type SyncService, startSyncService } from '../sync-service/start-sync-service.ts';
import { createDevAuth, type DevAuth } from './dev-auth.ts';

export interface LocalStackOptions {
  /** An existing server; else an embedded PostgreSQL. */
  readonly databaseUrl: string | undefined;
  /** A database to create on the server for this stack; none: the server's URL as it is. */
  readonly databaseName?: string;
  readonly seed: number;
  readonly dataset: SimulatorOptions['dataset'];
  /** 0 picks free ports. */
  readonly simPort?: number;
  readonly syncPort?: number;
  readonly host?: string;
  readonly log: Logger;
  /**
   * Secrets the sync service accepts webhooks under (WEBHOOK_SECRETS); the simulated CRM signs with
   * the first. Default: one random secret per start.
   */
  readonly webhookSecrets?: readonly string[];
}

export interface LocalStack {
  readonly databaseUrl: string;
  readonly postgresOrigin: string;
  readonly sim: Simulator;
  readonly sync: SyncService;
  /** What the simulated CRM signs its webhooks with. */
  readonly webhookSecret: string;
  /** A bearer token with every scope, valid 12 h: the sync service's APIs want one, as in production. */
  readonly devToken: string;
  /** The stack's dev key: other tokens (fewer scopes, to see a 403), or saved for `corebridge token`. */
  readonly devAuth: DevAuth;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The whole stack in this process on the embedded defaults — PostgreSQL, memory bus, simulator and
 * a ready sync service taking the CRM's signed webhooks, writing the bank's changes to the
 * simulated CRM, reconciling nightly and validating a sample every 10 minutes, and asking for
 * bearer tokens (of a dev key made here) as `corebridge sync` does. `corebridge up` serves it; `npm run load` aims k6 at it.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const postgres = await startPostgres({ databaseUrl: options.databaseUrl });
  const databaseUrl = options.databaseName
    ? await createDatabase(postgres.url, options.databaseName)
    : postgres.url;
  const bus = createMemoryBus();
  // The simulator needs the intake's address before the sync service (which needs the simulator's) starts.
  const syncPort = options.syncPort || (await freePort());
  const webhookSecrets = options.webhookSecrets?.length
    ? options.webhookSecrets
    : [randomBytes(24).toString('hex')];
  const webhookSecret = webhookSecrets[0] as string;
  const devAuth = await createDevAuth();
  const sim = await startSimulator({
    seed: options.seed,
    dataset: options.dataset,
    bus,
    clock: systemClock,
    port: options.simPort,
    host: options.host,
    log: options.log,
    crmWebhook: { url: `http://127.0.0.1:${syncPort}/webhooks/crm`, secret: webhookSecret },
  });
  const sync = await startSyncService({
    databaseUrl,
    bus,
    absUrl: sim.url,
    mdmUrl: sim.url,
    webhookSecrets,
    clock: systemClock,
    log: options.log,
    port: syncPort,
    host: options.host,
    reconcile: { cron: '0 3 * * *' },
    sampledValidation: { cron: '*/10 * * * *', crmFeedUrl: sim.url },
    crmWriter: simulatedCrmOf(sim.crm.flavor, sim.url),
    auth: devAuth.auth,
  });
  await sync.ready;
  const stop = async () => {
    await sync.stop();
    await sim.stop();
    await bus.stop();
    await postgres.stop();
  };
  return {
    databaseUrl,
    postgresOrigin: postgres.origin,
    sim,
    sync,
    webhookSecret,
    devToken: await devAuth.mint(),
    devAuth,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
