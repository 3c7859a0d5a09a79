import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { k6Binary } from '../../infra/k6/k6-binary.ts';
import { k6ResultSummary } from '../../infra/k6/k6-result-summary.ts';
import { runK6 } from '../../infra/k6/run-k6.ts';
import { createLogger } from '../../infra/logger.ts';
import { findExecutable } from '../../infra/process/find-executable.ts';
import type { CliConfig } from '../config.ts';
import { startLocalStack } from '../local-stack.ts';

export interface LoadOptions {
  /** The sync service to aim at; default: start the stack here. */
  readonly target?: string;
  readonly simUrl?: string;
  /** `KEY=VALUE` pairs for the script's `__ENV` (RATE, DURATION, P95_MS...). */
  readonly env: string[];
}

function scriptEnv(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`Failed to read -e ${pair}: expected KEY=VALUE. Pass e.g. -e RATE=50.`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

/** What a load script aims at, and the keys to drive it. */
interface LoadStack {
  readonly syncUrl: string;
  readonly simUrl: string;
  readonly controlToken: string;
  readonly webhookSecret: string;
  /** Bearer token for the sync service's APIs (a started stack's dev token; with --target, TOKEN from -e or the environment). */
  readonly token: string;
  stop(): Promise<void>;
}

/**
 * `npm run load -- <script>`: runs a k6 script against the stack — started here, or the one at
 * `--target` — prints k6's summary, each threshold, and k6's CPU beside the system's; exits 1 when
 * a threshold is breached or k6 fails.
 */
export async function loadCommand(script: string, options: LoadOptions, config: CliConfig): Promise<number> {
  await access(script).catch(() => {
    throw new Error(`Failed to find the load script ${script}. Pass one of load/*.k6.ts.`);
  });
  const binary = await k6Binary({
    env: process.env,
    go: findExecutable('go', process.env),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const extra = scriptEnv(options.env);
  let stack: LoadStack | undefined;
  if (options.target === undefined) {
    process.stderr.write('Starting the stack (embedded PostgreSQL, simulator, sync service)…\n');
    const local = await startLocalStack({
      databaseUrl: config.databaseUrl,
      databaseName: `load_${randomBytes(4).toString('hex')}`,
      seed: 42,
      dataset: { organisations: 50, accountsPerOrganisation: 3 },
      log: createLogger('sync', 'error'),
    });
    stack = {
      syncUrl: local.sync.url,
      simUrl: local.sim.url,
      controlToken: local.sim.controlToken,
      webhookSecret: local.webhookSecret,
      token: local.devToken,
      stop: () => local.stop(),
    };
  }
  try {
    const aim = stack ?? {
      syncUrl: options.target as string,
      simUrl: options.simUrl ?? '',
      controlToken: config.controlToken ?? '',
      webhookSecret: config.webhookSecrets[0] ?? '',
      token: config.token ?? '',
    };
    process.stderr.write(`k6 ${script} → ${aim.syncUrl}\n`);
    const result = await runK6({
      binary,
      script,
      env: process.env,
      scriptEnv: {
        SYNC_URL: aim.syncUrl,
        SIM_URL: aim.simUrl,
        CONTROL_TOKEN: aim.controlToken,
        WEBHOOK_SECRET: aim.webhookSecret,
        TOKEN: aim.token,
        RUN_ID: randomBytes(4).toString('hex'),
        ...extra,
      },
      echo: true,
      systemIsLocal: stack !== undefined,
    });
    process.stdout.write(`\n${k6ResultSummary(result)}\n`);
    return result.passed ? 0 : 1;
  } finally {
    await stack?.stop();
  }
}
