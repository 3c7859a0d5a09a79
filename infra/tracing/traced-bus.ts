import type { EventBus } from '../event-bus.ts';
import { runInTrace, traceFromHeaders, traceHeaders } from './trace-context.ts';

/**
 * The bus with the trace carried along: a message published while handling a request or a
 * message gets `x-request-id` and `traceparent` headers, and a batch is handled inside the trace
 * of its first message (a batch is one partition's run of messages; its log lines name them all).
 */
export function withTracing(bus: EventBus): EventBus {
  return {
    kind: bus.kind,
    publish: (topic, messages) => {
      const headers = traceHeaders();
      if (Object.keys(headers).length === 0) return bus.publish(topic, messages);
      return bus.publish(
        topic,
        messages.map((m) => ({ ...m, headers: { ...headers, ...m.headers } })),
      );
    },
    subscribe: (options) =>
      bus.subscribe({
        ...options,
        handleBatch: (batch) =>
          runInTrace(traceFromHeaders(batch[0]?.headers ?? {}), () => options.handleBatch(batch)),
      }),
    ping: () => bus.ping(),
    stop: () => bus.stop(),
    [Symbol.asyncDispose]: () => bus.stop(),
  };
}
