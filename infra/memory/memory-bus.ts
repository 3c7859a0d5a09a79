import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BusMessage,
  type EventBus,
  MAX_MESSAGE_BYTES,
  MessageTooLargeError,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
} from '../event-bus.ts';
import { redeliveryDelayMs } from '../redelivery-backoff.ts';
import { MemoryTopic } from './memory-topic.ts';
import { partitionForKey } from './partition-for-key.ts';

export interface MemoryBusOptions {
  /** Partitions per topic. Default 3, as the local Kafka broker is configured. */
  readonly partitions?: number;
}

interface Member {
  readonly options: SubscribeOptions;
  stopped: boolean;
  /** Died without a word: whatever its handler is still doing, its offsets are never committed. */
  abandoned: boolean;
}

/**
 * A memory subscription can also die as a consumer whose process was killed: `abandon()` leaves the
 * group at once, without waiting for the batch in hand and without committing its offset, so the
 * group's next member gets that batch again — what Kafka does once a killed member's session expires.
 * Only the memory adapter offers it: with a real broker, kill the process instead.
 */
export interface MemorySubscription extends Subscription {
  abandon(): void;
}

export function isAbandonable(subscription: Subscription): subscription is MemorySubscription {
  return typeof (subscription as Partial<MemorySubscription>).abandon === 'function';
}

/**
 * The embedded default: Kafka's semantics in one process. Partitions by key hash, consumer groups
 * with committed offsets, at-least-once delivery with redelivery after a failed batch, the 1 MiB
 * message limit. Members of a group share its partitions (partition p goes to member p mod n).
 */
export function createMemoryBus(options: MemoryBusOptions = {}): EventBus {
  const partitionCount = options.partitions ?? 3;
  const topics = new Map<string, MemoryTopic>();
  const groups = new Map<string, { offsets: number[]; members: Member[] }>();
  const loops = new Set<Promise<void>>();
  let stopped = false;

  const topicNamed = (name: string): MemoryTopic => {
    let topic = topics.get(name);
    if (!topic) {
      topic = new MemoryTopic(name, partitionCount);
      topics.set(name, topic);
    }
    return topic;
  };

  const consumePartition = async (
    topic: MemoryTopic,
    group: { offsets: number[]; members: Member[] },
    partition: number,
    member: Member,
  ): Promise<void> => {
    const log = topic.partitions[partition] ?? [];
    let attempt = 0;
    while (!member.stopped && !stopped) {
      const owner = ownerOf(group, partition);
      const offset = group.offsets[partition] ?? 0;
      if (owner !== member || offset >= log.length) {
        await topic.nextAppend(50);
        continue;
      }
      const batch = log.slice(offset, offset + (member.options.maxBatchSize ?? 500));
      try {
        await member.options.handleBatch(batch);
        if (member.abandoned) return;
        group.offsets[partition] = offset + batch.length;
        attempt = 0;
      } catch (error) {
        if (member.abandoned) return;
        member.options.onHandlerError?.(error, batch, attempt);
        await sleep(redeliveryDelayMs(attempt++));
      }
    }
  };

  const ownerOf = (group: { members: Member[] }, partition: number): Member | undefined => {
    const live = group.members.filter((m) => !m.stopped);
    return live[partition % live.length];
  };

  const bus: EventBus = {
    kind: 'memory',
    async ping() {
      if (stopped) throw new Error('the memory bus is stopped');
    },
    async publish(topicName: string, messages: readonly OutgoingMessage[]) {
      if (stopped) throw new Error('Failed to publish: the memory bus is stopped. Start a new bus.');
      const encoded = messages.map((m) => ({
        ...m,
        value: Buffer.isBuffer(m.value) ? m.value : Buffer.from(m.value),
      }));
      const tooLarge = encoded.find((m) => m.value.length > MAX_MESSAGE_BYTES);
      if (tooLarge) throw new MessageTooLargeError(topicName, tooLarge.value.length);
      const topic = topicNamed(topicName);
      for (const { key, value, headers } of encoded) {
        const partition = partitionForKey(key, partitionCount);
        const message: BusMessage = {
          topic: topicName,
          partition,
          offset: topic.partitions[partition]?.length ?? 0,
          key,
          value,
          headers: { ...headers },
        };
        topic.append(message);
      }
    },

    async subscribe(subscribeOptions: SubscribeOptions): Promise<MemorySubscription> {
      const topic = topicNamed(subscribeOptions.topic);
      const groupKey = `${subscribeOptions.groupId}\u0000${subscribeOptions.topic}`;
      let group = groups.get(groupKey);
      if (!group) {
        const start =
          subscribeOptions.fromBeginning === false
            ? (p: number) => topic.partitions[p]?.length ?? 0
            : () => 0;
        group = { offsets: topic.partitions.map((_, p) => start(p)), members: [] };
        groups.set(groupKey, group);
      }
      const member: Member = { options: subscribeOptions, stopped: false, abandoned: false };
      group.members.push(member);
      const memberLoops = topic.partitions.map((_, partition) =>
        consumePartition(topic, group, partition, member),
      );
      const done = Promise.all(memberLoops).then(() => undefined);
      loops.add(done);
      const leave = () => {
        if (group) group.members = group.members.filter((m) => m !== member);
      };
      return {
        async stop() {
          member.stopped = true;
          await done;
          loops.delete(done);
          leave();
        },
        abandon() {
          member.stopped = true;
          member.abandoned = true;
          leave();
          // The batch in hand may still be running; the bus's own stop() must not wait for it.
          loops.delete(done);
        },
      };
    },

    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
    [Symbol.asyncDispose]() {
      return bus.stop();
    },
  };
  return bus;
}
