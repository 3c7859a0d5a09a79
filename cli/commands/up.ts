import { systemClock } from '../../infra/clock.ts';
import { createLogger } from '../../infra/logger.ts';
import { startPostingTraffic } from '../../simulator/abs/posting-traffic.ts';
import { SYNC_SCOPES } from '../../sync-service/http/auth/auth-options.ts';
import type { CliConfig } from '../config.ts';
import { saveDevKey } from '../dev-auth-file.ts';
import { startLocalStack } from '../local-stack.ts';
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

  await using stack = await startLocalStack({
    databaseUrl: config.databaseUrl,
    // An embedded server gets a database of its own; a given DATABASE_URL is used as it is.
    databaseName: config.databaseUrl ? undefined : 'corebridge',
    seed,
    dataset,
    simPort: parseNumber('sim-port', options.simPort),
    syncPort: parseNumber('sync-port', options.syncPort),
    host: config.host,
    log,
    webhookSecrets: config.webhookSecrets,
  });
  const { sim, sync, databaseUrl } = stack;
  const forgetDevKey = await saveDevKey(await stack.devAuth.privateJwk(), sync.url);
  const traffic = startPostingTraffic((n) => sim.abs.book(n), rate, systemClock);
  const organisation = [...sim.abs.store.organisations.keys()][0];
  process.stdout.write(
    [
      'CoreBridge is up (Ctrl-C stops everything):',
      `  simulator (ABS)  ${sim.url}/abs/api/v1/organisations`,
      `  control API      ${sim.url}/_control/openapi.json (Authorization: Bearer ${sim.controlToken})`,
      `  sync service     ${sync.url}/api/v1/clients/${organisation} (Authorization: Bearer $TOKEN)`,
      `  bank → CRM       ${sync.url}/api/v1/crm/company/<id> (PATCH), written to the simulated ${sim.crm.flavor}`,
      `  metrics          ${sync.url}/metrics`,
      `  health           ${sync.url}/health/ready`,
      `  PostgreSQL       ${databaseUrl} (${stack.postgresOrigin})`,
      `  event bus        memory, ${rate} ABS postings/s; CRM webhooks signed into ${sync.url}/webhooks/crm`,
      `  webhook secret   ${stack.webhookSecret}${config.webhookSecrets.length ? ' (WEBHOOK_SECRETS)' : ' (random; set WEBHOOK_SECRETS to choose)'}`,
      '',
      `Dev token, every scope (${SYNC_SCOPES.join(' ')}), 12 h, of a key made for this run only:`,
      `  export TOKEN=${stack.devToken}`,
      `  curl -H "Authorization: Bearer $TOKEN" ${sync.url}/api/v1/clients/${organisation}`,
      'Tokens with fewer scopes: `npm run corebridge -- token --scope cache:read` while this runs.',
      '',
    ].join('\n'),
  );
  const signal = await waitForSignal();
  process.stdout.write(`\n${signal}: stopping…\n`);
  traffic.stop();
  await forgetDevKey();
}
