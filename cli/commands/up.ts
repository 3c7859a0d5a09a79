import { randomBytes } from 'node:crypto';
import { systemClock } from '../../infra/clock.ts';
import { freePort } from '../../infra/free-port.ts';
import { createLogger } from '../../infra/logger.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createDatabase, startPostgres } from '../../infra/postgres/start-postgres.ts';
import { simulatedCrmOf } from '../../scenarios/runner/simulated-crm.ts';
import { startPostingTraffic } from '../../simulator/abs/posting-traffic.ts';
import { startSimulator } from '../../simulator/start-simulator.ts';
import { startSyncService } from '../../sync-service/start-sync-service.ts';
import type { CliConfig } from '../config.ts';
import { parseNumber } from '../parse-number.ts';
import { parseSimulatorOptions, type SimulatorCliOptions } from '../simulator-options.ts';
import { waitForSignal } from '../wait-for-signal.ts';

export interface UpOptions extends SimulatorCliOptions {
  readonly simPort: string;
  readonly syncPort: string;
}

/** `corebridge up`: the whole stack in one process on the embedded defaults, until Ctrl-C. */
export async function upCommand(options: UpOptions, config: CliConfig): Promise<void> {
  const { seed, dataset, postingsPerSecond: rate } = parseSimulatorOptions(options);
  const log = createLogger('sync', config.logLevel ?? 'info');

  await using postgres = await startPostgres({ databaseUrl: config.databaseUrl });
  const databaseUrl =
    postgres.origin === 'embedded' ? await createDatabase(postgres.url, 'corebridge') : postgres.url;
  await using bus = createMemoryBus();
  // The simulator needs the intake's address before the sync service (which needs the simulator's) starts.
  const syncPort = parseNumber('sync-port', options.syncPort) || (await freePort());
  const webhookSecret = randomBytes(24).toString('hex');
  await using sim = await startSimulator({
    seed,
    dataset,
    bus,
    clock: systemClock,
    port: parseNumber('sim-port', options.simPort),
    host: config.host,
    crmWebhook: { url: `http://127.0.0.1:${syncPort}/webhooks/crm`, secret: webhookSecret },
  });
  await using sync = await startSyncService({
    databaseUrl,
    bus,
    absUrl: sim.url,
    mdmUrl: sim.url,
    webhookSecrets: [webhookSecret],
    clock: systemClock,
    log,
    port: syncPort,
    host: config.host,
    // As `corebridge sync` runs them; `corebridge reconcile` runs one at any time.
    reconcile: { cron: '0 3 * * *' },
    sampledValidation: { cron: '*/10 * * * *', crmFeedUrl: sim.url },
    // The bank's changes (PATCH /api/v1/crm/…) go to the simulated CRM as its integration user.
    crmWriter: simulatedCrmOf(sim.crm.flavor, sim.url),
  });
  await sync.ready;
  const traffic = startPostingTraffic((n) => sim.abs.book(n), rate, systemClock);
  const organisation = [...sim.abs.store.organisations.keys()][0];
  process.stdout.write(
    [
      'CoreBridge is up (Ctrl-C stops everything):',
      `  simulator (ABS)  ${sim.url}/abs/api/v1/organisations`,
      `  control API      ${sim.url}/_control/openapi.json (Authorization: Bearer ${sim.controlToken})`,
      `  sync service     ${sync.url}/api/v1/clients/${organisation}`,
      `  bank → CRM       ${sync.url}/api/v1/crm/company/<id> (PATCH), written to the simulated ${sim.crm.flavor}`,
      `  metrics          ${sync.url}/metrics`,
      `  health           ${sync.url}/health/ready`,
      `  PostgreSQL       ${databaseUrl} (${postgres.origin})`,
      `  event bus        memory, ${rate} ABS postings/s; CRM webhooks signed into ${sync.url}/webhooks/crm`,
      '',
    ].join('\n'),
  );
  const signal = await waitForSignal();
  process.stdout.write(`\n${signal}: stopping…\n`);
  traffic.stop();
}
