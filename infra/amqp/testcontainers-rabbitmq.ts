import { stopOnce } from '../process/stop-once.ts';
import type { AmqpHandle } from './amqp-handle.ts';

/** The release series Debian's package is nearest to that still gets fixes upstream. */
const RABBITMQ_IMAGE = 'rabbitmq:3.13';
const AMQP_PORT = 5672;
// A specifier in a variable: the package is optional (only Docker users need it), so the type
// checker must not require it. The shapes below are the small part of its API used here.
const TESTCONTAINERS = 'testcontainers';

interface StartedContainer {
  getHost(): string;
  getMappedPort(port: number): number;
  stop(): Promise<unknown>;
}
interface ContainerBuilder {
  withExposedPorts(...ports: number[]): ContainerBuilder;
  withWaitStrategy(strategy: unknown): ContainerBuilder;
  start(): Promise<StartedContainer>;
}
interface TestcontainersModule {
  getContainerRuntimeClient(): Promise<unknown>;
  GenericContainer: new (image: string) => ContainerBuilder;
  Wait: { forLogMessage(message: string): unknown };
}

/** Why testcontainers cannot be used here, as a value: the caller goes on to its next option. */
export interface Unavailable {
  readonly unavailable: string;
}

/**
 * A RabbitMQ container, when testcontainers is installed and a Docker engine answers. Not tried on
 * our machines (no Docker); it exists for developers who have Docker but no RabbitMQ package.
 */
export async function startTestcontainersRabbitMq(): Promise<AmqpHandle | Unavailable> {
  let core: TestcontainersModule;
  try {
    core = (await import(TESTCONTAINERS)) as TestcontainersModule;
  } catch {
    return { unavailable: 'testcontainers is not installed' };
  }
  try {
    await core.getContainerRuntimeClient();
  } catch (error) {
    return { unavailable: `no Docker engine answered (${(error as Error).message})` };
  }
  // The image lets guest log in from outside the container (loopback_users.guest = false).
  const container = await new core.GenericContainer(RABBITMQ_IMAGE)
    .withExposedPorts(AMQP_PORT)
    .withWaitStrategy(core.Wait.forLogMessage('Server startup complete'))
    .start();
  const stop = stopOnce(() => container.stop());
  return {
    url: `amqp://guest:guest@${container.getHost()}:${container.getMappedPort(AMQP_PORT)}`,
    origin: 'testcontainers',
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
