import { setTimeout as sleep } from 'node:timers/promises';
import type { EachBatchHandler } from 'kafkajs';
import type { BatchHandler, BusMessage } from '../event-bus.ts';
import { redeliveryDelayMs } from '../redelivery-backoff.ts';
import { toBusMessage } from './to-bus-message.ts';

/** Heartbeats are attempted this often while a failed chunk waits; kafkajs sends one per heartbeatInterval. */
const HEARTBEAT_STEP_MS = 500;

export interface RedeliveringBatchHandlerOptions {
  /** The bus's topic name (without prefix), as handlers see it. */
  readonly topic: string;
  readonly handleBatch: BatchHandler;
  readonly onHandlerError:
    | ((error: unknown, batch: readonly BusMessage[], attempt: number) => void)
    | undefined;
  readonly maxBatchSize: number;
  /** Aborted by Subscription.stop(), so a chunk waiting for redelivery gives up at once. */
  readonly signal: AbortSignal;
}

/**
 * A kafkajs eachBatch that hands a partition's messages over in chunks of maxBatchSize and retries a
 * chunk whose handler threw, after redeliveryDelayMs, until it succeeds, the consumer stops or the
 * partition is reassigned. The consumer never crashes on a handler error: a crashed kafkajs consumer
 * restarts from the last commit anyway, only later and with a rejoin that stalls the whole group.
 */
export function redeliveringBatchHandler(options: RedeliveringBatchHandlerOptions): EachBatchHandler {
  const { topic, handleBatch, onHandlerError, maxBatchSize, signal } = options;
  return async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
    const active = () => isRunning() && !isStale() && !signal.aborted;
    for (let start = 0; start < batch.messages.length; start += maxBatchSize) {
      const chunk = batch.messages.slice(start, start + maxBatchSize);
      const messages = chunk.map((message) => toBusMessage(topic, batch.partition, message));
      const handled = await handleUntilSuccess(
        handleBatch,
        onHandlerError,
        messages,
        heartbeat,
        active,
        signal,
      );
      const last = chunk.at(-1);
      if (!handled || last === undefined) return;
      resolveOffset(last.offset);
      await heartbeat();
      await commitOffsetsIfNecessary();
    }
  };
}

async function handleUntilSuccess(
  handleBatch: BatchHandler,
  onHandlerError: RedeliveringBatchHandlerOptions['onHandlerError'],
  messages: readonly BusMessage[],
  heartbeat: () => Promise<void>,
  active: () => boolean,
  signal: AbortSignal,
): Promise<boolean> {
  for (let attempt = 0; active(); attempt++) {
    try {
      await handleBatch(messages);
      return true;
    } catch (error) {
      onHandlerError?.(error, messages, attempt);
      // The port's contract: a throwing handler gets the same batch again after a backoff.
      await waitWithHeartbeats(redeliveryDelayMs(attempt), heartbeat, active, signal);
    }
  }
  return false;
}

/**
 * Sleeps in steps, heartbeating between them: without heartbeats a long backoff would get this member
 * evicted after sessionTimeout. A heartbeat that reports a rebalance throws, and kafkajs rejoins.
 */
async function waitWithHeartbeats(
  delayMs: number,
  heartbeat: () => Promise<void>,
  active: () => boolean,
  signal: AbortSignal,
): Promise<void> {
  const until = Date.now() + delayMs;
  while (active() && Date.now() < until) {
    await sleep(Math.min(HEARTBEAT_STEP_MS, until - Date.now()), undefined, { signal }).catch(
      () => undefined,
    );
    if (active()) await heartbeat();
  }
}
