import { type DestinationStream, type Logger, pino } from 'pino';
import { currentTrace } from './tracing/trace-context.ts';

export type { Logger };

/**
 * JSON lines on stderr (stdout stays for what a command prints for people). Every line written
 * inside a trace carries its request id, trace id and span id.
 */
export function createLogger(
  name: string,
  level: string = 'info',
  destination: DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      name,
      level,
      mixin: () => {
        const trace = currentTrace();
        return trace ? { requestId: trace.requestId, traceId: trace.traceId, spanId: trace.spanId } : {};
      },
    },
    destination,
  );
}
