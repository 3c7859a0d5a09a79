import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { CrashableSync } from '../sync-under-test.ts';
import { transactionsInFlight } from './transactions-in-flight.ts';

const CLI = fileURLToPath(new URL('../../../cli/main.ts', import.meta.url));
const POLL_MS = 100;
const STOP_GRACE_MS = 15_000;
const STDERR_TAIL = 4_000;

export interface ChildProcessSyncOptions {
  /** The port every instance listens on, so the CRM's webhooks keep their URL. */
  readonly port: number;
  /** Arguments after `corebridge sync`. */
  readonly args: readonly string[];
  /** The run's database; each process connects under an application name of its own. */
  readonly databaseUrl: string;
  /** KAFKA_BROKERS, AMQP_URL, WEBHOOK_SECRETS and the like. */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * The sync service as a process of its own (`corebridge sync`), for runs on a real broker: a crash
 * is a real SIGKILL, and everything the runner learns about the instance comes over HTTP
 * (`/health/ready`, `/metrics`), as it would for an operator.
 */
export async function startChildProcessSync(options: ChildProcessSyncOptions): Promise<CrashableSync> {
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | undefined;
  let applicationName = '';
  let launched = 0;
  let stderr = '';
  let applied = 0;

  const launch = () => {
    stderr = '';
    launched += 1;
    applicationName = `corebridge-sync-process-${launched}`;
    const databaseUrl = new URL(options.databaseUrl);
    databaseUrl.searchParams.set('application_name', applicationName);
    // --no-auth, as the in-process sync under test runs without tokens too: a scenario judges what
    // the cache holds through crashes, and whether a process killed mid-batch loses anything does
    // not depend on a bearer check in front of the read API (test/sync-auth.test.ts covers that).
    const started = spawn(process.execPath, [CLI, 'sync', '--no-auth', ...options.args], {
      env: { ...process.env, ...options.env, DATABASE_URL: databaseUrl.toString() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    child = started;
    return started;
  };
  const exited = (instance: ChildProcess) =>
    instance.exitCode !== null || instance.signalCode !== null
      ? Promise.resolve()
      : once(instance, 'exit').then(() => undefined);
  const failIfExited = (instance: ChildProcess, waitingFor: string) => {
    if (instance.exitCode !== null || instance.signalCode !== null)
      throw new Error(
        `Failed to ${waitingFor}: the sync process exited (${instance.signalCode ?? `code ${instance.exitCode}`}). Its stderr ends: ${stderr.trim() || '(nothing)'}.`,
      );
  };
  const answers = async (path: string): Promise<Response | undefined> => {
    try {
      return await fetch(`${url}${path}`, { signal: AbortSignal.timeout(2_000) });
    } catch {
      return undefined;
    }
  };
  const until = async (path: string, waitingFor: string) => {
    const instance = child;
    if (!instance) throw new Error(`Failed to ${waitingFor}: the sync service is down. Restart it first.`);
    for (;;) {
      if (instance !== child) throw new Error(`Failed to ${waitingFor}: the instance was crashed meanwhile.`);
      failIfExited(instance, waitingFor);
      const response = await answers(path);
      await response?.body?.cancel();
      if (response?.ok) return;
      await sleep(POLL_MS);
    }
  };
  // Progress only: the applied counter of the running process, scraped now and then.
  const scrape = setInterval(async () => {
    const text = await (await answers('/metrics'))?.text().catch(() => '');
    const lines = text?.split('\n').filter((line) => line.startsWith('corebridge_applied_total')) ?? [];
    if (lines.length > 0) applied = lines.reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }, 1_000);
  scrape.unref();

  // A runner that dies without stopping the run must not leave a sync process behind on the port.
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  launch();
  try {
    await until('/health/live', 'start the sync process');
  } catch (error) {
    clearInterval(scrape);
    process.removeListener('exit', killOnExit);
    child?.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    whenReady: () => until('/health/ready', 'wait for the sync process to get ready'),
    applied: () => applied,
    async crash() {
      const dead = child;
      if (!dead) return { transactionsInFlight: 0 };
      child = undefined;
      applied = 0;
      // Read just before the kill: after it, the server drops the dead connections within moments.
      const transactions = await transactionsInFlight(options.databaseUrl, applicationName);
      dead.kill('SIGKILL');
      await exited(dead);
      return { transactionsInFlight: transactions };
    },
    async restart() {
      if (child) return;
      launch();
      await until('/health/live', 'restart the sync process');
    },
    async stop() {
      clearInterval(scrape);
      process.removeListener('exit', killOnExit);
      const last = child;
      child = undefined;
      if (!last) return;
      last.kill('SIGTERM');
      const gone = exited(last);
      if ((await Promise.race([gone.then(() => true), sleep(STOP_GRACE_MS, false)])) === false) {
        last.kill('SIGKILL');
        await gone;
      }
    },
  };
}
