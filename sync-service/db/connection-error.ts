/**
 * Socket errors that mean the server could not be reached or went away mid-query: the database is
 * down or restarting, not the request at fault.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/** SQLSTATE codes of a server that is shutting down or not yet taking connections. */
const SHUTDOWN_CODES = new Set([
  '57P01', // admin_shutdown: a fast shutdown or a terminated backend
  '57P02', // crash_shutdown: another backend crashed, every session is ended
  '57P03', // cannot_connect_now: the server is starting or in recovery
]);

/**
 * node-postgres reports these without a code: a pool that got no connection in
 * `connectionTimeoutMillis`, and a socket closed under a query.
 */
const DRIVER_MESSAGES = [/timeout exceeded when trying to connect/i, /^Connection terminated/i];

/**
 * Whether `error` says the database cannot be reached (refused, reset, shut down, SQLSTATE class
 * 08 connection exception, the pool's connect timeout) rather than anything about the statement:
 * such a failure passes once the database is back, so it is answered 503 with a retry, not 500.
 * Causes and the attempts of an `AggregateError` (each address of `localhost`) are followed.
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (SOCKET_CODES.has(code) || SHUTDOWN_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
  if (Array.isArray(errors) && errors.some((inner) => isConnectionError(inner, depth + 1))) return true;
  return isConnectionError(cause, depth + 1);
}
