import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

/**
 * One debug line per answered request, JSON through the service's logger (so with its request id):
 * method, the route's template, status and duration. Not the URL, headers or body: ids, query
 * strings and tokens are the client's data. Debug, not info: a busy read API would drown the rest.
 */
export function requestLog(log: Logger): RequestHandler {
  return (request, response, next) => {
    if (!log.isLevelEnabled('debug')) return next();
    const started = performance.now();
    response.once('finish', () => {
      log.debug(
        {
          method: request.method,
          route: request.route?.path ?? 'unmatched',
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request answered',
      );
    });
    next();
  };
}
