/** Why the local broker could not start; a string union so callers can branch without parsing text. */
export type LocalBrokerFailure =
  | 'JAVA_NOT_FOUND'
  | 'MAVEN_NOT_FOUND'
  | 'JAR_FETCH_FAILED'
  | 'BROKER_START_FAILED';

/** Thrown by `startLocalBroker`. Branded (not only `instanceof`) so it survives duplicated module copies. */
export class LocalBrokerError extends Error {
  readonly isLocalBrokerError = true;
  readonly code: LocalBrokerFailure;
  constructor(code: LocalBrokerFailure, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LocalBrokerError';
    this.code = code;
  }
}

export function isLocalBrokerError(error: unknown): error is LocalBrokerError {
  return (error as { isLocalBrokerError?: unknown } | null)?.isLocalBrokerError === true;
}
