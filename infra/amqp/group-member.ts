import { setTimeout as sleep } from 'node:timers/promises';
import type { Channel, ChannelModel } from 'amqplib';
import type { SubscribeOptions, Subscription } from '../event-bus.ts';
import { redeliveryDelayMs } from '../redelivery-backoff.ts';
import { membersQueueName, partitionQueueName } from './amqp-names.ts';
import { declareGroup, declareMembersQueue, declarePartitionQueue } from './amqp-topology.ts';
import { type ConnectionTarget, openConnection } from './open-connection.ts';
import { consumePartition, type PartitionConsumer } from './partition-consumer.ts';

export interface GroupMemberOptions {
  readonly target: ConnectionTarget;
  /** The topic's exchange, with the bus's prefix. */
  readonly exchange: string;
  readonly partitions: number;
  readonly retentionMs: number;
  /** How often the member recounts the group and takes or gives back partitions. */
  readonly rebalanceIntervalMs: number;
  readonly onConnectionError: (error: unknown) => void;
  readonly subscribe: SubscribeOptions;
}

interface Session {
  readonly connection: ChannelModel;
  readonly control: Channel;
  /** Partitions this member consumes, in the order it took them. */
  readonly owned: Map<number, PartitionConsumer>;
}

/**
 * One member of a consumer group, on a connection of its own. RabbitMQ has no group coordinator,
 * so members share the partitions by counting each other: every member keeps a consumer on the
 * group's members queue, takes free partitions (as their exclusive consumer) up to its share,
 * ceil(partitions / members), and gives back what is over it, every rebalanceIntervalMs. Exclusive
 * consumers make a partition's owner unique whatever the count says, so per-key order holds while
 * shares settle. A lost connection is retried with redeliveryDelayMs backoff until stop().
 * Resolves once the group's queues are bound (nothing published after that is missed) and the
 * member has taken its first share.
 *
 * Not `x-single-active-consumer`: it also keeps one consumer per queue, but always the first one
 * registered, so the first member would own every partition and later ones would only stand by.
 */
export async function startGroupMember(options: GroupMemberOptions): Promise<Subscription> {
  const { exchange, partitions, subscribe } = options;
  const { groupId } = subscribe;
  const membersQueue = membersQueueName(exchange, groupId);
  const stopSignal = new AbortController();
  // Members start at different partitions so that joining ones do not all contend for partition 0.
  const firstPartition = Math.floor(Math.random() * partitions);

  const openSession = async (): Promise<Session> => {
    const connection = await openConnection(options.target);
    try {
      const control = await connection.createChannel();
      control.on('error', () => undefined);
      await declareGroup(control, { exchange, groupId, partitions, retentionMs: options.retentionMs });
      await control.consume(membersQueue, () => undefined, { noAck: true });
      return { connection, control, owned: new Map() };
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  };

  const rebalance = async ({ connection, control, owned }: Session): Promise<void> => {
    for (const [partition, consumer] of owned) if (consumer.lost) owned.delete(partition);
    const { consumerCount: members } = await declareMembersQueue(control, membersQueue);
    const share = Math.ceil(partitions / Math.max(1, members));
    for (const [partition, consumer] of [...owned].slice(share).reverse()) {
      owned.delete(partition);
      await consumer.release();
    }
    for (let i = 0; i < partitions && owned.size < share && !stopSignal.signal.aborted; i++) {
      const partition = (firstPartition + i) % partitions;
      if (owned.has(partition)) continue;
      const queue = partitionQueueName(exchange, groupId, partition);
      if ((await declarePartitionQueue(control, queue, options.retentionMs)).consumerCount > 0) continue;
      const consumer = await consumePartition({
        connection,
        queue,
        topic: subscribe.topic,
        partition,
        subscribe,
      });
      if (consumer !== undefined) owned.set(partition, consumer);
    }
  };

  const closeSession = async ({ connection, owned }: Session): Promise<void> => {
    await Promise.all([...owned.values()].map((consumer) => consumer.release()));
    owned.clear();
    await connection.close().catch(() => undefined);
  };

  let session: Session | undefined = await openSession();
  try {
    await rebalance(session);
  } catch (error) {
    await closeSession(session);
    throw error;
  }

  const loop = (async () => {
    let failures = 0;
    while (!stopSignal.signal.aborted) {
      try {
        await sleep(failures === 0 ? options.rebalanceIntervalMs : redeliveryDelayMs(failures), undefined, {
          signal: stopSignal.signal,
        });
        session ??= await openSession();
        await rebalance(session);
        failures = 0;
      } catch (error) {
        if (stopSignal.signal.aborted) break;
        options.onConnectionError(error);
        failures++;
        if (session !== undefined) await closeSession(session);
        session = undefined;
      }
    }
  })();

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        stopSignal.abort();
        await loop;
        if (session !== undefined) await closeSession(session);
      })();
      return stopping;
    },
  };
}
