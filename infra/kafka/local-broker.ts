import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../free-port.ts';
import { type Env, findExecutable } from '../process/find-executable.ts';
import { launchWithFreshPorts } from '../process/launch-with-fresh-ports.ts';
import { runToCompletion } from '../process/run-to-completion.ts';
import { stopOnce } from '../process/stop-once.ts';
import { terminateProcess } from '../process/terminate-process.ts';
import { spawnWatched } from '../process/watched-child.ts';
import type { KafkaHandle } from './kafka-handle.ts';
import { ensureKafkaJars, kafkaLibsDir } from './kafka-jars.ts';
import { LocalBrokerError } from './local-broker-error.ts';
import { serverProperties } from './server-properties.ts';
import { waitForBroker } from './wait-for-broker.ts';

const LOG4J_CONFIG = pathToFileURL(fileURLToPath(new URL('./log4j.properties', import.meta.url))).href;

export interface LocalBrokerOptions {
  /** Where Kafka's jars are cached. Default: `kafkaLibsDir(env)` (see kafka-jars.ts). */
  readonly libsDir?: string;
  /** PATH for finding java and mvn, the cache location, and the children's environment. Default: process.env. */
  readonly env?: Env;
  /** How long the broker may take to answer. Default 60 000 ms; a cold JVM on 2 cores needs ~10 s. */
  readonly startTimeoutMs?: number;
  /** Receives progress lines, only while jars are fetched (slow the first time). Default: stderr. */
  readonly progress?: (line: string) => void;
}

/**
 * Starts a single-node KRaft Apache Kafka broker in a JVM on free 127.0.0.1 ports, with its data in a
 * fresh temp dir that `stop()` removes. Requires Java 17, and Maven the first time (to fetch jars).
 */
export async function startLocalBroker(options: LocalBrokerOptions = {}): Promise<KafkaHandle> {
  const env = options.env ?? process.env;
  const java = findExecutable('java', env);
  if (java === undefined) {
    throw new LocalBrokerError(
      'JAVA_NOT_FOUND',
      'Failed to start a local Kafka broker: java is not on PATH. Install Java 17 (apt-get install openjdk-17-jre-headless) or set KAFKA_BROKERS.',
    );
  }
  const libsDir = options.libsDir ?? kafkaLibsDir(env);
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  await ensureKafkaJars({ libsDir, mvn: findExecutable('mvn', env), env, progress });
  return launchWithFreshPorts(
    () => launch({ java, libsDir, env, timeoutMs: options.startTimeoutMs ?? 60_000 }),
    (attempts) =>
      new LocalBrokerError(
        'BROKER_START_FAILED',
        `Failed to start a local Kafka broker: its ports were taken by other processes ${attempts} times in a row. Free some local ports or set KAFKA_BROKERS.`,
      ),
  );
}

interface LaunchOptions {
  readonly java: string;
  readonly libsDir: string;
  readonly env: Env;
  readonly timeoutMs: number;
}

async function launch({ java, libsDir, env, timeoutMs }: LaunchOptions): Promise<KafkaHandle | 'PORT_TAKEN'> {
  const workDir = await mkdtemp(join(tmpdir(), 'corebridge-kafka-'));
  const brokerPort = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === brokerPort) controllerPort = await freePort();
  const propertiesPath = join(workDir, 'server.properties');
  await writeFile(
    propertiesPath,
    serverProperties({ brokerPort, controllerPort, logDir: join(workDir, 'data') }),
  );

  const classpath = [
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=${LOG4J_CONFIG}`,
    '-cp',
    join(libsDir, '*'),
  ];
  const formatArgs = ['format', '-t', clusterId(), '-c', propertiesPath];
  // A one-shot tool: the quick-start JIT and serial GC shave part of a second off every broker start.
  const quickJvm = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];
  const format = await runToCompletion(
    java,
    [...quickJvm, ...classpath, 'kafka.tools.StorageTool', ...formatArgs],
    env,
  );
  if (format.exitCode !== 0) {
    await rm(workDir, { recursive: true, force: true });
    throw new LocalBrokerError(
      'BROKER_START_FAILED',
      `Failed to format the local Kafka broker's log dir: the storage tool exited with ${format.exitCode}:\n${format.outputTail}\nCheck that java is version 17 or later, or delete ${libsDir} to fetch the jars again.`,
    );
  }

  const { child, outputTail, spawnError } = spawnWatched(
    java,
    ['-Xmx512m', ...classpath, 'kafka.Kafka', propertiesPath],
    { env },
  );
  const stop = stopBroker(child, workDir);
  const brokers = [`127.0.0.1:${brokerPort}`];
  try {
    await waitForBroker({ brokers, timeoutMs, failure: () => exitReason(child, spawnError()) });
  } catch (error) {
    await stop();
    const output = outputTail() || '(nothing)';
    if (output.includes('Address already in use')) return 'PORT_TAKEN';
    throw new LocalBrokerError(
      'BROKER_START_FAILED',
      `Failed to start a local Kafka broker on ${brokers[0]}: ${(error as Error).message}. Its last output:\n${output}\nFix the cause above, raise startTimeoutMs on a slow machine, or set KAFKA_BROKERS.`,
      { cause: error },
    );
  }
  return { brokers, origin: 'local', stop, [Symbol.asyncDispose]: stop };
}

/** A stop that runs once, and also runs if Node exits without it so no JVM outlives the tests. */
function stopBroker(child: ChildProcess, workDir: string): () => Promise<void> {
  return stopOnce(
    async () => {
      await terminateProcess(child);
      await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
    },
    () => {
      child.kill('SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
    },
  );
}

function exitReason(child: ChildProcess, spawnError: Error | undefined): string | undefined {
  if (spawnError !== undefined) return `the JVM could not be spawned (${spawnError.message})`;
  if (child.exitCode !== null) return `the broker exited with code ${child.exitCode}`;
  if (child.signalCode !== null) return `the broker was killed by ${child.signalCode}`;
  return undefined;
}

/** Kafka's cluster id format (16 random bytes, base64url); one starting with "-" would read as a CLI flag. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
