import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import { ApiError, isApiError } from './api-error.ts';
import { bodyReadError } from './body-read-error.ts';
import { HTTP_ERRORS } from './http-errors.ts';
import { loggableError } from './loggable-error.ts';

/** Mounted after every router: a request no route took is a 404 in the API's shape, not express's HTML page. */
export const routeNotFound: RequestHandler = (_request, _response, next) => {
  next(
    new ApiError(
      HTTP_ERRORS.NOT_FOUND,
      'Failed to route the request: no route answers this method and path. The README lists the paths.',
    ),
  );
};

/**
 * A service's one error handler, mounted last: every error becomes `{error:{code,message}}` JSON.
 * Thrown `ApiError`s as they are, the body parsers' failures as their codes, anything else a 500
 * `INTERNAL` with a fixed message; 5xx are logged (without request data), 4xx are the client's.
 */
export function errorMiddleware(log: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const answer =
      (isApiError(error) ? error : bodyReadError(error)) ??
      new ApiError(
        HTTP_ERRORS.INTERNAL,
        'Failed to answer the request: an internal error, logged with its request id. Retry; report it if it persists.',
        { cause: error },
      );
    if (answer.status >= 500) {
      // The route's template, not the URL: ids and query strings are the client's data. (Its mount
      // path is gone by now: express resets `baseUrl` on the way out of a router.)
      const route = request.route?.path ?? 'unmatched';
      log.error({ error: loggableError(answer), method: request.method, route }, 'request failed');
    }
    // A streamed answer already under way cannot turn into an error: cut it, so the client sees it broken.
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (answer.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(answer.retryAfterSeconds));
    response.status(answer.status).json(answer.body());
  };
}
