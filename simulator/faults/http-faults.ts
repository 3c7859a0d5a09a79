import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FaultEngine } from './fault-engine.ts';
import { defaultErrorRenderer, type ErrorRenderer } from './http-error-renderer.ts';
import {
  type HttpPlan,
  type HttpTerminal,
  planHttpFaults,
  type RateLimitReply,
  type ReplyFault,
} from './http-fault-plan.ts';
import { corruptJson } from './json-corruption.ts';
import { shiftJsonTimestamps } from './json-time-shift.ts';
import { interceptReply } from './reply-interceptor.ts';
import { closeWithoutReply, refuseConnection, resetAfter, writeGarbageThenClose } from './socket-faults.ts';

export interface HttpFaultOptions {
  /** The vendor's error shape. Default: the ABS's `{ error: { code, message } }`. */
  readonly renderError?: ErrorRenderer;
  /**
   * What the vendor answers over its request limit when the rule does not say: Salesforce
   * `{ status: 403, code: 'REQUEST_LIMIT_EXCEEDED' }`, Bitrix24 `{ status: 503, code: 'QUERY_LIMIT_EXCEEDED' }`.
   * Default 429 RATE_LIMITED.
   */
  readonly rateLimit?: RateLimitReply;
}

/**
 * Express middleware that applies the engine's rules for `target` to every request through it.
 * Mount it first on the system's router: `router.use(httpFaults(engine, 'crm.rest', options))`.
 * Requests no rule touches go straight on, with no added await.
 */
export function httpFaults(
  engine: FaultEngine,
  target: string,
  options: HttpFaultOptions = {},
): RequestHandler {
  const render = options.renderError ?? defaultErrorRenderer;
  return (request, response, next) => {
    const path = request.originalUrl.split('?')[0] ?? '/';
    const plan = planHttpFaults(engine, target, { method: request.method, path }, options.rateLimit);
    if (!plan) return next();
    response.once('close', plan.release);
    const skew = plan.replyFaults.reduce((sum, f) => sum + (f.kind === 'skew' ? f.ms : 0), 0);
    if (skew !== 0) response.setHeader('date', new Date(engine.clock.now() + skew).toUTCString());
    run(plan, engine, render, request, response, next).catch(next);
  };
}

async function run(
  plan: HttpPlan,
  engine: FaultEngine,
  render: ErrorRenderer,
  request: Request,
  response: Response,
  next: NextFunction,
): Promise<void> {
  if (plan.delayMs > 0) {
    await engine.sleep(plan.delayMs);
    // The client gave up while we stalled: there is no one left to answer.
    if (request.socket.destroyed) return;
  }
  if (plan.terminal) {
    answer(plan.terminal, render, request, response);
    return;
  }
  if (plan.replyFaults.length > 0) applyToReply(plan.replyFaults, request, response);
  next();
}

function answer(terminal: HttpTerminal, render: ErrorRenderer, request: Request, response: Response): void {
  switch (terminal.kind) {
    case 'refuse':
      refuseConnection(request.socket);
      return;
    case 'hang':
      // Never answered: the client's timeout ends it, or server.close() (closeAllConnections).
      return;
    case 'empty':
      closeWithoutReply(request.socket);
      return;
    case 'garbage':
      writeGarbageThenClose(request.socket, terminal.bytes);
      return;
    case 'error': {
      const rendered = render(terminal.status, terminal.code, terminal.message);
      response.status(rendered.status).set({ ...terminal.headers, ...rendered.headers });
      if (typeof rendered.body === 'string') response.send(rendered.body);
      else response.json(rendered.body);
    }
  }
}

/** Skew and corruption transform the reply; a cut replaces it (after the route did its work). */
function applyToReply(faults: readonly ReplyFault[], request: Request, response: Response): void {
  const cut = faults.find((f) => f.kind === 'cut');
  interceptReply(response, (body, { first, last }, sink) => {
    if (cut) {
      if (!first) return;
      if (cut.how === 'empty') return closeWithoutReply(request.socket);
      if (cut.how === 'garbage') return writeGarbageThenClose(request.socket, cut.bytes);
      // Half the reply goes out under the full Content-Length, then the reset.
      const half = body.subarray(0, Math.floor(body.length / 2));
      return resetAfter(request.socket, (done) => sink.forward(half, false, done));
    }
    let out = body;
    for (const fault of faults) {
      if (fault.kind === 'skew' && fault.field) out = shiftJsonTimestamps(out, fault.field, fault.ms).body;
      if (fault.kind === 'malformed' && first) out = corruptJson(out, fault.mode, fault.random).body;
    }
    sink.forward(out, last);
  });
}
