import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port.ts';
import { type Env, findExecutable } from '../process/find-executable.ts';
import { launchWithFreshPorts } from '../process/launch-with-fresh-ports.ts';
import { spawnWatched } from '../process/watched-child.ts';
import type { AmqpHandle } from './amqp-handle.ts';
import { LocalRabbitMqError } from './local-rabbitmq-error.ts';
import { type PrivateEpmd, startPrivateEpmd } from './private-epmd.ts';
import { pidFileIn, privateNodeEnv, writeNodeFiles } from './private-node-dir.ts';
import { findRabbitMqServerScript } from './rabbitmq-server-script.ts';
import { stopNodeOnce } from './stop-node.ts';
import { waitForRabbitMq } from './wait-for-rabbitmq.ts';

/** A boot failure prints its cause first, then ~40 lines of Erlang crash report: keep both. */
const OUTPUT_LINES = 100;

export interface LocalRabbitMqOptions {
  /** PATH for finding rabbitmq-server and epmd, and the children's environment. Default: process.env. */
  readonly env?: Env;
  /** How long the node may take to accept AMQP logins. Default 60 000 ms; it takes 5-8 s on 2 busy cores. */
  readonly startTimeoutMs?: number;
}

/**
 * Starts a private RabbitMQ node (Debian's `rabbitmq-server` package or any upstream install) as our
 * child: its own node name, free 127.0.0.1 ports for AMQP, distribution and epmd, and all its state,
 * config and Erlang cookie in a fresh temp dir that `stop()` removes, so it never meets a system node.
 * It runs as the current user (root in CI); RabbitMQ does not refuse root.
 */
export async function startLocalRabbitMq(options: LocalRabbitMqOptions = {}): Promise<AmqpHandle> {
  const env = options.env ?? process.env;
  const server = findRabbitMqServerScript(env);
  const epmd = findExecutable('epmd', env);
  if (server === undefined || epmd === undefined) {
    throw new LocalRabbitMqError(
      'NOT_INSTALLED',
      `Failed to start a local RabbitMQ node: ${server === undefined ? 'rabbitmq-server' : 'epmd (Erlang)'} is not on PATH. Install it (apt-get install rabbitmq-server; Debian puts it in /usr/sbin, add that to PATH) or set AMQP_URL.`,
    );
  }
  return launchWithFreshPorts(
    () => launch({ server, epmd, env, timeoutMs: options.startTimeoutMs ?? 60_000 }),
    (attempts) =>
      new LocalRabbitMqError(
        'START_FAILED',
        `Failed to start a local RabbitMQ node: its ports were taken by other processes ${attempts} times in a row. Free some local ports or set AMQP_URL.`,
      ),
  );
}

interface LaunchOptions {
  readonly server: string;
  readonly epmd: string;
  readonly env: Env;
  readonly timeoutMs: number;
}

async function launch({ server, epmd, env, timeoutMs }: LaunchOptions): Promise<AmqpHandle | 'PORT_TAKEN'> {
  const workDir = await mkdtemp(join(tmpdir(), 'corebridge-rabbitmq-'));
  const [amqp, distribution, epmdPort] = await threeFreePorts();
  const nodeName = `corebridge-${randomBytes(4).toString('hex')}@localhost`;
  await writeNodeFiles(workDir);

  let portMapper: PrivateEpmd;
  try {
    portMapper = await startPrivateEpmd(epmd, epmdPort, env);
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw new LocalRabbitMqError(
      'START_FAILED',
      `Failed to start a local RabbitMQ node: ${(error as Error).message}. Check the Erlang install (apt-get install --reinstall erlang-base) or set AMQP_URL.`,
      { cause: error },
    );
  }
  const {
    child: script,
    outputTail,
    spawnError,
  } = spawnWatched(server, [], {
    cwd: workDir,
    env: privateNodeEnv(env, workDir, nodeName, { amqp, distribution, epmd: epmdPort }),
    maxLines: OUTPUT_LINES,
  });
  const stop = stopNodeOnce({ script, pidFile: pidFileIn(workDir), epmd: portMapper, workDir });
  const url = `amqp://guest:guest@127.0.0.1:${amqp}`;
  try {
    await waitForRabbitMq({ url, timeoutMs, failure: () => exitReason(script, spawnError()) });
  } catch (error) {
    await stop();
    const fullOutput = outputTail();
    if (/eaddrinuse|dist_port_already_used/.test(fullOutput)) return 'PORT_TAKEN';
    const output = bootFailureCause(fullOutput) || '(nothing)';
    throw new LocalRabbitMqError(
      'START_FAILED',
      `Failed to start a local RabbitMQ node on 127.0.0.1:${amqp}: ${(error as Error).message}. Its last output:\n${output}\nFix the cause above, raise startTimeoutMs on a slow machine, or set AMQP_URL.`,
      { cause: error },
    );
  }
  return { url, origin: 'local', stop, [Symbol.asyncDispose]: stop };
}

/** The output up to RabbitMQ's "Error during startup" line, without the crash report after it. */
function bootFailureCause(output: string): string {
  const lines = output.split('\n');
  const end = lines.findIndex((line) => line.includes('Error during startup'));
  return end === -1 ? output : lines.slice(0, end + 1).join('\n');
}

function exitReason(child: ChildProcess, spawnError: Error | undefined): string | undefined {
  if (spawnError !== undefined) return `rabbitmq-server could not be spawned (${spawnError.message})`;
  if (child.exitCode !== null) return `rabbitmq-server exited with code ${child.exitCode}`;
  if (child.signalCode !== null) return `rabbitmq-server was killed by ${child.signalCode}`;
  return undefined;
}

async function threeFreePorts(): Promise<readonly [number, number, number]> {
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [first = 0, second = 0, third = 0] = ports;
  return [first, second, third];
}
