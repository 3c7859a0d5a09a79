import type { NextFunction, Request, Response } from 'express';
import { fail } from '../read-api/read-api-support.ts';

/** A request body that is not JSON, or too large, answered as the API's other errors are. */
export function jsonBodyErrors(
  error: unknown,
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed')
    fail(response, 400, 'INVALID_JSON', 'The request body is not valid JSON.');
  else if (type === 'entity.too.large')
    fail(response, 413, 'PAYLOAD_TOO_LARGE', 'The request body is over 1 MB.');
  else next(error);
}
