/** Where a running Kafka came from: a broker list given by the user, our local JVM, or a container. */
export type KafkaOrigin = 'env' | 'local' | 'testcontainers';

/** A reachable Kafka cluster. `stop()` releases only what we started (a no-op for `env`). */
export interface KafkaHandle {
  readonly brokers: string[];
  readonly origin: KafkaOrigin;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
