/** Why the private RabbitMQ node could not start; a string union so callers can branch without parsing text. */
export type LocalRabbitMqFailure = 'NOT_INSTALLED' | 'START_FAILED';

/** Thrown by `startLocalRabbitMq`. Branded (not only `instanceof`) so it survives duplicated module copies. */
export class LocalRabbitMqError extends Error {
  readonly isLocalRabbitMqError = true;
  readonly code: LocalRabbitMqFailure;
  constructor(code: LocalRabbitMqFailure, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalRabbitMqError';
    this.code = code;
  }
}

export function isLocalRabbitMqError(error: unknown): error is LocalRabbitMqError {
  return (error as { isLocalRabbitMqError?: unknown } | null)?.isLocalRabbitMqError === true;
}
