/** Thrown by `startKafka` when no way to reach or start a broker exists on this machine. */
export class KafkaUnavailableError extends Error {
  readonly isKafkaUnavailableError = true;
  /** One entry per way that was tried, saying why it did not work. */
  readonly reasons: readonly string[];
  constructor(reasons: readonly string[]) {
    super(
      `Failed to start Kafka: ${reasons.join('; ')}. Set KAFKA_BROKERS to a reachable broker list (host:port,...), ` +
        'install Java 17 and Maven (a local broker is started from Maven Central jars), ' +
        'or run a Docker engine (testcontainers then starts a Kafka container).',
    );
    this.name = 'KafkaUnavailableError';
    this.reasons = reasons;
  }
}

export function isKafkaUnavailableError(error: unknown): error is KafkaUnavailableError {
  return (error as { isKafkaUnavailableError?: unknown } | null)?.isKafkaUnavailableError === true;
}
