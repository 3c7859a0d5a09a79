import { randomBytes } from 'node:crypto';
import { systemClock } from '../infra/clock.ts';
import { freePort } from '../infra/free-port.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { createDatabase, startPostgres } from '../infra/postgres/start-postgres.ts';
import { startSimulator } from '../simulator/start-simulator.ts';
import { startSyncService } from '../sync-service/start-sync-service.ts';

/** What a load script aims at: the same stack `corebridge up` starts, and the keys to drive it. */
export interface LoadStack {
  readonly syncUrl: string;
  readonly simUrl: string;
  readonly controlToken: string;
  readonly webhookSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts the stack of `corebridge up` in this process (embedded PostgreSQL, memory bus, simulator,
 * a ready sync service taking signed webhooks), so its CPU time can be measured beside k6's.
 */
export async function startLoadStack(options: {
  readonly databaseUrl: string | undefined;
  readonly organisations: number;
}): Promise<LoadStack> {
  const postgres = await startPostgres({ databaseUrl: options.databaseUrl });
  const databaseUrl = await createDatabase(postgres.url, `load_${randomBytes(4).toString('hex')}`);
  const bus = createMemoryBus();
  const syncPort = await freePort();
  const webhookSecret = randomBytes(24).toString('hex');
  const sim = await startSimulator({
    seed: 42,
    dataset: { organisations: options.organisations, accountsPerOrganisation: 3 },
    bus,
    clock: systemClock,
    crmWebhook: { url: `http://127.0.0.1:${syncPort}/webhooks/crm`, secret: webhookSecret },
  });
  const sync = await startSyncService({
    databaseUrl,
    bus,
    absUrl: sim.url,
    mdmUrl: sim.url,
    webhookSecrets: [webhookSecret],
    clock: systemClock,
    log: createLogger('sync', 'error'),
    port: syncPort,
  });
  await sync.ready;
  return {
    syncUrl: sync.url,
    simUrl: sim.url,
    controlToken: sim.controlToken,
    webhookSecret,
    async stop() {
      await sync.stop();
      await sim.stop();
      await bus.stop();
      await postgres.stop();
    },
  };
}
