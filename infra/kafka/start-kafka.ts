import type { Env } from '../process/find-executable.ts';
import { findExecutable } from '../process/find-executable.ts';
import type { KafkaHandle } from './kafka-handle.ts';
import { hasKafkaJars, kafkaLibsDir } from './kafka-jars.ts';
import { KafkaUnavailableError } from './kafka-unavailable-error.ts';
import { startLocalBroker } from './local-broker.ts';
import { startTestcontainersBroker } from './testcontainers-broker.ts';

export type { KafkaHandle, KafkaOrigin } from './kafka-handle.ts';
export { isKafkaUnavailableError, KafkaUnavailableError } from './kafka-unavailable-error.ts';

export interface StartKafkaOptions {
  /** Read for KAFKA_BROKERS, PATH and the jar cache location. Default: process.env. */
  readonly env?: Env;
}

/**
 * A Kafka to talk to, from the first of these that works:
 * 1. `KAFKA_BROKERS` (comma-separated host:port): used as is; `stop()` leaves it running.
 * 2. A local single-node broker, when `java` is on PATH (and `mvn`, until the jars are cached).
 * 3. A testcontainers Kafka, when those packages are installed and a Docker engine answers.
 * Otherwise throws KafkaUnavailableError. A way that is available but then fails to start throws its
 * own error instead of falling through, so a broken setup is not hidden behind a slower one.
 */
export async function startKafka(options: StartKafkaOptions = {}): Promise<KafkaHandle> {
  const env = options.env ?? process.env;
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (brokers.length > 0) {
    const stop = async (): Promise<void> => {};
    return { brokers, origin: 'env', stop, [Symbol.asyncDispose]: stop };
  }

  const reasons = ['KAFKA_BROKERS is not set'];
  const libsDir = kafkaLibsDir(env);
  if (findExecutable('java', env) === undefined) {
    reasons.push('java is not on PATH');
  } else if (findExecutable('mvn', env) === undefined && !(await hasKafkaJars(libsDir))) {
    reasons.push(`mvn is not on PATH and no Kafka jars are cached in ${libsDir}`);
  } else {
    return startLocalBroker({ env, libsDir });
  }

  const container = await startTestcontainersBroker();
  if ('brokers' in container) return container;
  reasons.push(container.unavailable);
  throw new KafkaUnavailableError(reasons);
}
