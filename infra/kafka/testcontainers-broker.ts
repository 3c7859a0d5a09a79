import { MAX_MESSAGE_BYTES } from '../event-bus.ts';
import { stopOnce } from '../process/stop-once.ts';
import type { KafkaHandle } from './kafka-handle.ts';

/** Confluent Platform 7.9 ships Apache Kafka 3.9, the version the local broker runs. */
const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.0';
/** The container port @testcontainers/kafka publishes for clients on the host. */
const KAFKA_CLIENT_PORT = 9093;
// Specifiers in variables: the packages are optional (only Docker users install them), so the type
// checker must not require them. The shapes below are the small part of their API used here.
const TESTCONTAINERS = 'testcontainers';
const TESTCONTAINERS_KAFKA = '@testcontainers/kafka';

interface StartedContainer {
  getHost(): string;
  getMappedPort(port: number): number;
  stop(): Promise<unknown>;
}
interface KafkaContainerBuilder {
  withKraft(): KafkaContainerBuilder;
  withEnvironment(environment: Record<string, string>): KafkaContainerBuilder;
  start(): Promise<StartedContainer>;
}
interface TestcontainersModule {
  getContainerRuntimeClient(): Promise<unknown>;
}
interface TestcontainersKafkaModule {
  KafkaContainer: new (image: string) => KafkaContainerBuilder;
}

/** Why testcontainers cannot be used here, as a value: the caller goes on to its next option. */
export interface Unavailable {
  readonly unavailable: string;
}

/**
 * A Kafka container, when testcontainers is installed and a Docker engine answers. Not tried on our
 * machines (no Docker); it exists for developers who have Docker but no Java.
 */
export async function startTestcontainersBroker(): Promise<KafkaHandle | Unavailable> {
  let core: TestcontainersModule;
  let kafkaModule: TestcontainersKafkaModule;
  try {
    core = (await import(TESTCONTAINERS)) as TestcontainersModule;
    kafkaModule = (await import(TESTCONTAINERS_KAFKA)) as TestcontainersKafkaModule;
  } catch {
    return { unavailable: 'testcontainers and @testcontainers/kafka are not installed' };
  }
  try {
    await core.getContainerRuntimeClient();
  } catch (error) {
    return { unavailable: `no Docker engine answered (${(error as Error).message})` };
  }
  const container = await new kafkaModule.KafkaContainer(KAFKA_IMAGE)
    .withKraft()
    // Same headroom over the bus's limit as the local broker (see server-properties.ts).
    .withEnvironment({ KAFKA_MESSAGE_MAX_BYTES: String(MAX_MESSAGE_BYTES + 64 * 1024) })
    .start();
  const stop = stopOnce(() => container.stop());
  return {
    brokers: [`${container.getHost()}:${container.getMappedPort(KAFKA_CLIENT_PORT)}`],
    origin: 'testcontainers',
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
