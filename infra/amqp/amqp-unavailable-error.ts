/** Thrown by `startRabbitMq` when no way to reach or start a RabbitMQ exists on this machine. */
export class AmqpUnavailableError extends Error {
  readonly isAmqpUnavailableError = true;
  /** One entry per way that was tried, saying why it did not work. */
  readonly reasons: readonly string[];
  constructor(reasons: readonly string[]) {
    super(
      `Failed to start RabbitMQ: ${reasons.join('; ')}. Set AMQP_URL to a reachable broker (amqp://user:password@host:port), ` +
        'install RabbitMQ (apt-get install rabbitmq-server; a private node is then started per run), ' +
        'or run a Docker engine (testcontainers then starts a RabbitMQ container).',
    );
    this.name = 'AmqpUnavailableError';
    this.reasons = reasons;
  }
}

export function isAmqpUnavailableError(error: unknown): error is AmqpUnavailableError {
  return (error as { isAmqpUnavailableError?: unknown } | null)?.isAmqpUnavailableError === true;
}
