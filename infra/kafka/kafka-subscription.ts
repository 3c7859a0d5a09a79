import type { Admin, Kafka } from 'kafkajs';
import type { SubscribeOptions, Subscription } from '../event-bus.ts';
import { withTimeout } from '../with-timeout.ts';
import { TOPIC_PARTITIONS } from './kafka-topics.ts';
import { redeliveringBatchHandler } from './redelivering-batch-handler.ts';
import { uncommittedPartitionEnds } from './start-offsets.ts';

/** How long subscribe waits for the group join before it gives up. */
const JOIN_TIMEOUT_MS = 30_000;

export interface KafkaSubscriptionOptions {
  readonly kafka: Kafka;
  readonly admin: () => Promise<Admin>;
  /** The topic's name in Kafka, with the bus's prefix. */
  readonly kafkaTopic: string;
  readonly subscribe: SubscribeOptions;
  /** See KafkaBusOptions.sessionTimeoutMs. Default: kafkajs' own. */
  readonly sessionTimeoutMs?: number | undefined;
}

/**
 * One kafkajs consumer for one subscription. Resolves once the consumer has joined its group and
 * received its partitions, so a message published after `subscribe` resolves is never missed.
 */
export async function startKafkaSubscription(options: KafkaSubscriptionOptions): Promise<Subscription> {
  const { kafka, kafkaTopic, subscribe } = options;
  const { groupId, topic, handleBatch, maxBatchSize = 500, fromBeginning = true } = subscribe;
  const seekTo = fromBeginning
    ? new Map<number, string>()
    : await uncommittedPartitionEnds(await options.admin(), groupId, kafkaTopic);
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    // Shorter than kafkajs' defaults (3 s, 5 s) so rebalances and stop() take well under a second or
    // two, at the cost of a few idle requests per second. sessionTimeout: kafkajs' own unless the bus says.
    heartbeatInterval: 1_000,
    sessionTimeout: options.sessionTimeoutMs,
    maxWaitTimeInMs: 500,
    // 4 MiB per partition and fetch (kafkajs: 1 MiB): fewer, larger batches for handlers that write
    // a batch per transaction; a 1 MB message still fits whole.
    maxBytesPerPartition: 4 * 1024 * 1024,
  });
  const stopSignal = new AbortController();
  let firstJoin = true;
  const joined = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      if (!firstJoin) return;
      firstJoin = false;
      // Synchronous inside the join, so the seeks are in place before the first fetch resolves offsets.
      for (const partition of payload.memberAssignment[kafkaTopic] ?? []) {
        const offset = seekTo.get(partition);
        if (offset !== undefined) consumer.seek({ topic: kafkaTopic, partition, offset });
      }
      resolve();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (firstJoin && !payload.restart) reject(payload.error);
    });
  });
  const stop = once(async () => {
    stopSignal.abort();
    await consumer.disconnect();
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: kafkaTopic, fromBeginning });
    await consumer.run({
      eachBatchAutoResolve: false,
      // Handlers of different partitions may run at once, as in the memory adapter.
      partitionsConsumedConcurrently: TOPIC_PARTITIONS,
      // With a threshold of 1, commitOffsetsIfNecessary commits after every handled chunk.
      autoCommitThreshold: 1,
      eachBatch: redeliveringBatchHandler({
        topic,
        handleBatch,
        onHandlerError: subscribe.onHandlerError,
        maxBatchSize,
        signal: stopSignal.signal,
      }),
    });
    await withTimeout(
      joined,
      JOIN_TIMEOUT_MS,
      `the consumer did not join group ${groupId} within ${JOIN_TIMEOUT_MS} ms`,
    );
  } catch (error) {
    await stop().catch(() => undefined);
    throw new Error(
      `Failed to subscribe group ${groupId} to ${kafkaTopic}: ${(error as Error).message}. Check that the brokers are reachable and the group's other members are healthy.`,
      { cause: error },
    );
  }
  return { stop };
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}
