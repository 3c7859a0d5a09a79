import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER, runInTrace, traceFromHeaders } from './trace-context.ts';

/** Takes or starts the request's trace, echoes its request id, and runs the rest of the request inside it. */
export function traceMiddleware(request: Request, response: Response, next: NextFunction): void {
  const context = traceFromHeaders(request.headers);
  response.setHeader(REQUEST_ID_HEADER, context.requestId);
  runInTrace(context, next);
}
