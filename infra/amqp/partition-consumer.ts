import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { SubscribeOptions } from '../event-bus.ts';
import { toBusMessage } from './amqp-envelope.ts';
import { handleUntilSuccess } from './handle-until-success.ts';

/** RabbitMQ's reply code when another consumer holds the queue exclusively. */
const ACCESS_REFUSED = 403;

export interface PartitionConsumerOptions {
  readonly connection: ChannelModel;
  readonly queue: string;
  /** The bus's topic name, as handlers see it. */
  readonly topic: string;
  readonly partition: number;
  readonly subscribe: SubscribeOptions;
}

export interface PartitionConsumer {
  /** True once the channel closed without `release()`: the broker or the connection dropped it. */
  readonly lost: boolean;
  /** Finishes the batch in hand (acknowledged if it succeeds), then gives the partition back. */
  release(): Promise<void>;
}

/**
 * Takes one partition queue as its exclusive consumer, on a channel of its own, and hands its
 * messages to the handler in order, in batches of what has arrived (up to maxBatchSize). Resolves
 * undefined when another member holds the partition. The prefetch is maxBatchSize: RabbitMQ can
 * only bound unacknowledged messages by count, so a group of 1 MiB messages may hold that many
 * MiB in memory per partition.
 */
export async function consumePartition(
  options: PartitionConsumerOptions,
): Promise<PartitionConsumer | undefined> {
  const { connection, queue, topic, partition, subscribe } = options;
  const maxBatchSize = subscribe.maxBatchSize ?? 500;
  const channel = await connection.createChannel();
  const stop = new AbortController();
  let closed = false;
  // Every channel failure also closes it; `closed` is how the owner learns of it.
  channel.on('error', () => undefined);
  channel.on('close', () => {
    closed = true;
    stop.abort();
  });
  const buffer: ConsumeMessage[] = [];
  let pumping: Promise<void> | undefined;

  const pump = async (): Promise<void> => {
    // One turn of the event loop lets a burst of deliveries gather into one batch.
    await nextTurn();
    while (buffer.length > 0 && !stop.signal.aborted) {
      const batch = buffer.splice(0, maxBatchSize);
      const messages = batch.map((message) => toBusMessage(topic, partition, message));
      const handled = await handleUntilSuccess({ ...subscribe, messages, signal: stop.signal });
      if (!handled) return;
      acknowledgeUpTo(channel, batch.at(-1));
    }
  };
  const kick = (): void => {
    pumping ??= pump().finally(() => {
      pumping = undefined;
    });
  };

  try {
    await channel.prefetch(maxBatchSize);
    await channel.consume(
      queue,
      (message) => {
        // null: the broker cancelled us (the queue was deleted); the close that follows reports it.
        if (message === null) return void channel.close().catch(() => undefined);
        buffer.push(message);
        kick();
      },
      { exclusive: true },
    );
  } catch (error) {
    if ((error as { code?: unknown }).code === ACCESS_REFUSED) return undefined;
    await channel.close().catch(() => undefined);
    throw error;
  }

  let releasing: Promise<void> | undefined;
  return {
    get lost() {
      return closed && releasing === undefined;
    },
    release() {
      releasing ??= (async () => {
        stop.abort();
        await pumping;
        // Closing the channel requeues what was delivered but not handled, at its original position.
        if (!closed) await channel.close().catch(() => undefined);
      })();
      return releasing;
    },
  };
}

/** A multiple-ack covers every earlier delivery of the channel, which holds this partition only. */
function acknowledgeUpTo(channel: Channel, last: ConsumeMessage | undefined): void {
  if (last === undefined) return;
  try {
    channel.ack(last, true);
  } catch {
    // The channel closed under the handler: RabbitMQ requeues the batch and the next owner gets it again.
  }
}
