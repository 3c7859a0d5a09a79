import type { ErrorEntry } from './error-catalogue.ts';

// A brand rather than `instanceof`: the same error may come through two copies of this module
// (vitest workers, a bundled CLI), and a duplicated class would not recognise its twin.
const API_ERROR = Symbol.for('corebridge.api-error');

export interface ApiErrorOptions {
  /** Where and what, one line each (`effect.type: …`): answered beside the message. */
  readonly issues?: readonly string[];
  /** What made it fail: logged for 5xx answers, never sent. */
  readonly cause?: unknown;
  /** Seconds after which a retry may pass (a 503 of a dependency that is down): sent as `Retry-After`. */
  readonly retryAfterSeconds?: number;
}

/**
 * The one error our APIs throw: an entry of the service's catalogue (code and status) with a message
 * saying what failed, why, and what to do. The service's error middleware answers it as
 * `{error:{code,message}}`; routes never write error bodies themselves.
 */
export class ApiError extends Error {
  readonly [API_ERROR] = true;
  readonly code: string;
  readonly status: number;
  readonly issues?: readonly string[];
  readonly retryAfterSeconds?: number;

  constructor(entry: ErrorEntry, message: string, options: ApiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.code = entry.code;
    this.status = entry.status;
    if (options.issues) this.issues = options.issues;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The answer's body; nothing of the request in it but what the message says. */
  body(): { error: { code: string; message: string; issues?: readonly string[] } } {
    return {
      error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) },
    };
  }
}

export function isApiError(error: unknown): error is ApiError {
  return typeof error === 'object' && error !== null && API_ERROR in error;
}
