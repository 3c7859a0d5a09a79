/** Where a running RabbitMQ came from: a URL given by the user, our private local node, or a container. */
export type AmqpOrigin = 'env' | 'local' | 'testcontainers';

/** A reachable RabbitMQ. `stop()` releases only what we started (a no-op for `env`). */
export interface AmqpHandle {
  /** amqp://user:password@host:port, ready for `createAmqpBus({ url })`. */
  readonly url: string;
  readonly origin: AmqpOrigin;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
