import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/** What ties every log line, outgoing call and bus message of one piece of work together (incident I11). */
export interface TraceContext {
  readonly requestId: string;
  readonly traceId: string;
  /** This hop's span; the next hop's parent. */
  readonly spanId: string;
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const TRACEPARENT_HEADER = 'traceparent';

const storage = new AsyncLocalStorage<TraceContext>();
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const ZERO_TRACE = '0'.repeat(32);

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

export function runInTrace<T>(context: TraceContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * Continues the trace the headers carry (W3C `traceparent`, `X-Request-Id`) with a new span, or
 * starts one. A malformed `traceparent` starts a new trace, as the W3C recommendation says.
 */
export function traceFromHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): TraceContext {
  const first = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const parent = TRACEPARENT.exec(first(TRACEPARENT_HEADER)?.trim().toLowerCase() ?? '');
  const traceId = parent?.[1] && parent[1] !== ZERO_TRACE ? parent[1] : randomBytes(16).toString('hex');
  const requestId = first(REQUEST_ID_HEADER)?.trim().slice(0, 200) || randomUUID();
  return { requestId, traceId, spanId: randomBytes(8).toString('hex') };
}

/** The headers that carry the current trace to the next hop (HTTP call or bus message). */
export function traceHeaders(context = currentTrace()): Record<string, string> {
  if (!context) return {};
  return {
    [REQUEST_ID_HEADER]: context.requestId,
    [TRACEPARENT_HEADER]: `00-${context.traceId}-${context.spanId}-01`,
  };
}
