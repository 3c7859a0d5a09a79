import type { ErrorRequestHandler } from 'express';
import { ApiError, isApiError } from '../../infra/http/api-error.ts';
import { isConnectionError } from '../db/connection-error.ts';
import { SYNC_ERRORS } from './sync-errors.ts';

/**
 * Seconds a client waits before asking again while the cache's database is unreachable: about the
 * pool's connect timeout, so a retry does not arrive while the last attempt is still waiting.
 */
export const CACHE_RETRY_AFTER_SECONDS = 5;

/**
 * Mounted just before the service's error middleware: a route that failed because PostgreSQL is
 * down or restarting is answered 503 `CACHE_UNAVAILABLE` with `Retry-After`, not 500 `INTERNAL`.
 * Nothing is wrong with the request and it will pass once the database is back.
 */
export const cacheUnavailable: ErrorRequestHandler = (error, _request, _response, next) => {
  // An ApiError is a route's own answer (INBOX_UNAVAILABLE keeps its code though its cause is the same).
  if (isApiError(error) || !isConnectionError(error)) return next(error);
  next(
    new ApiError(
      SYNC_ERRORS.CACHE_UNAVAILABLE,
      `Failed to read or write the cache: its database is unreachable. Retry in ${CACHE_RETRY_AFTER_SECONDS} s.`,
      { cause: error, retryAfterSeconds: CACHE_RETRY_AFTER_SECONDS },
    ),
  );
};
