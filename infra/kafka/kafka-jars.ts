import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from '../process/find-executable.ts';
import { runToCompletion } from '../process/run-to-completion.ts';
import { LocalBrokerError } from './local-broker-error.ts';

/** Keep in step with pom.xml; the marker's pom hash catches any drift anyway. */
export const KAFKA_VERSION = '3.9.1';

const POM_PATH = fileURLToPath(new URL('./pom.xml', import.meta.url));
const MARKER = '.corebridge-complete';

/** `$COREBRIDGE_CACHE/kafka-<version>/libs`, else under `${XDG_CACHE_HOME:-~/.cache}/corebridge`. */
export function kafkaLibsDir(env: Env): string {
  const root = env.COREBRIDGE_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'corebridge');
  return join(root, `kafka-${KAFKA_VERSION}`, 'libs');
}

/** True when `libsDir` holds a complete fetch made from the current pom.xml. */
export async function hasKafkaJars(libsDir: string): Promise<boolean> {
  try {
    return (await readFile(join(libsDir, MARKER), 'utf8')) === (await pomHash());
  } catch {
    return false;
  }
}

export interface EnsureKafkaJarsOptions {
  readonly libsDir: string;
  readonly mvn: string | undefined;
  readonly env: Env;
  readonly progress: (line: string) => void;
}

/**
 * Makes `libsDir` hold Kafka's runtime classpath. Maven copies into a private sibling directory that
 * gets the marker and is then renamed into place, so `libsDir` is only ever seen complete: a fetch
 * cut short leaves no marker and is redone, and two processes fetching at once do not mix files.
 */
export async function ensureKafkaJars({
  libsDir,
  mvn,
  env,
  progress,
}: EnsureKafkaJarsOptions): Promise<void> {
  if (await hasKafkaJars(libsDir)) return;
  if (mvn === undefined) {
    throw new LocalBrokerError(
      'MAVEN_NOT_FOUND',
      `Failed to fetch the Kafka ${KAFKA_VERSION} jars: mvn is not on PATH and ${libsDir} holds no complete copy. Install Maven (apt-get install maven) or set KAFKA_BROKERS.`,
    );
  }
  const started = Date.now();
  progress(`Fetching Kafka ${KAFKA_VERSION} jars from Maven Central into ${libsDir} (first run only)...`);
  const staging = `${libsDir}.${randomUUID()}.partial`;
  await mkdir(staging, { recursive: true });
  try {
    const args = ['-q', '-B', '-f', POM_PATH, 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`];
    const { exitCode, outputTail } = await runToCompletion(mvn, [...args, '-DincludeScope=runtime'], env);
    const jars = (await readdir(staging)).filter((name) => name.endsWith('.jar'));
    if (exitCode !== 0 || !jars.includes(`kafka_2.13-${KAFKA_VERSION}.jar`)) {
      throw new LocalBrokerError(
        'JAR_FETCH_FAILED',
        `Failed to fetch the Kafka ${KAFKA_VERSION} jars: mvn exited with ${exitCode} after copying ${jars.length} jars:\n${outputTail}\nCheck access to Maven Central (or a mirror in ~/.m2/settings.xml) and run again.`,
      );
    }
    await writeFile(join(staging, MARKER), await pomHash());
    await moveIntoPlace(staging, libsDir);
    progress(`Fetched ${jars.length} jars in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function moveIntoPlace(staging: string, libsDir: string): Promise<void> {
  if (!(await hasKafkaJars(libsDir))) await rm(libsDir, { recursive: true, force: true });
  try {
    await rename(staging, libsDir);
  } catch (error) {
    // Another process finished first: its copy is as good as ours.
    if (!(await hasKafkaJars(libsDir))) throw error;
  }
}

async function pomHash(): Promise<string> {
  return createHash('sha256')
    .update(await readFile(POM_PATH))
    .digest('hex');
}
