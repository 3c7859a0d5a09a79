import { setTimeout as sleep } from 'node:timers/promises';
import type { BusMessage, SubscribeOptions } from '../event-bus.ts';
import { redeliveryDelayMs } from '../redelivery-backoff.ts';

export interface HandleUntilSuccessOptions {
  readonly handleBatch: SubscribeOptions['handleBatch'];
  readonly onHandlerError?: SubscribeOptions['onHandlerError'];
  readonly messages: readonly BusMessage[];
  /** Aborted when the partition is released or lost: a batch waiting for redelivery gives up at once. */
  readonly signal: AbortSignal;
}

/**
 * Hands the batch over until the handler succeeds (true) or the signal aborts (false). The messages
 * stay unacknowledged in RabbitMQ meanwhile, so the port's "redeliver after a backoff" happens here,
 * in order, instead of through a requeue that would let later messages of the partition overtake.
 * If this process dies instead, RabbitMQ requeues them for the next owner of the partition.
 */
export async function handleUntilSuccess(options: HandleUntilSuccessOptions): Promise<boolean> {
  const { handleBatch, onHandlerError, messages, signal } = options;
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      await handleBatch(messages);
      return true;
    } catch (error) {
      try {
        onHandlerError?.(error, messages, attempt);
      } catch {
        // An observer that throws must not stop the redelivery it observes.
      }
      await sleep(redeliveryDelayMs(attempt), undefined, { signal }).catch(() => undefined);
    }
  }
  return false;
}
