/**
 * A Bitrix24 error as the portal reports it: `{ error, error_description }` with an HTTP status.
 * `code` is often empty on real portals: the old `crm.*` methods answer "Not found" or a
 * validation message with `error: ""` and HTTP 400, and clients (the official PHP SDK among them)
 * recognise those by their description, so the simulator keeps that quirk.
 */
export class BitrixError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, description: string, status = 400) {
    super(description);
    this.name = 'BitrixError';
    this.code = code;
    this.status = status;
  }

  get body(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.message };
  }
}

export function isBitrixError(error: unknown): error is BitrixError {
  return error instanceof BitrixError;
}

/** The system errors any method may answer with (codes, texts and statuses of the REST docs). */
export const bitrixErrors = {
  queryLimitExceeded: () => new BitrixError('QUERY_LIMIT_EXCEEDED', 'Too many requests', 503),
  invalidCredentials: () => new BitrixError('INVALID_CREDENTIALS', 'Invalid request credentials', 401),
  noAuthFound: () => new BitrixError('NO_AUTH_FOUND', 'Wrong authorization data', 401),
  methodNotFound: () => new BitrixError('ERROR_METHOD_NOT_FOUND', 'Method not found!', 404),
  batchLengthExceeded: () => new BitrixError('ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded', 400),
  batchMethodNotAllowed: () =>
    new BitrixError('ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage', 405),
  internal: () => new BitrixError('INTERNAL_SERVER_ERROR', 'Internal server error', 500),
  /** The old `crm.*` methods' answer for a missing record. */
  notFound: () => new BitrixError('', 'Not found'),
  invalidId: () => new BitrixError('', 'ID is not defined or invalid.'),
  invalid: (description: string) => new BitrixError('', description),
} as const;
