import type { Channel, Replies } from 'amqplib';
import { membersQueueName, partitionQueueName, routingKeyFor } from './amqp-names.ts';

/**
 * How long RabbitMQ keeps a group's queues, and the messages in them, once no member has used
 * them: Kafka's offsets.retention.minutes default (7 days). Shorter frees a broker of abandoned
 * groups sooner; longer lets a group come back after a longer absence without losing messages.
 */
export const DEFAULT_GROUP_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** The members queue holds nothing; it only needs to outlive a member's reconnect. */
const MEMBERS_QUEUE_EXPIRES_MS = 60_000;

/** A durable direct exchange: routing by the partition number as the routing key. */
export async function declareTopic(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'direct', { durable: true });
}

/**
 * Declares (or re-declares) a partition queue and tells how many consumers it has. Classic, named
 * explicitly so a broker whose default queue type is quorum still gives the semantics this adapter
 * is tested with: exclusive consumers, and unacknowledged messages requeued at their original
 * position. Every member must pass the same retention, or RabbitMQ refuses the re-declaration.
 */
export function declarePartitionQueue(
  channel: Channel,
  queue: string,
  retentionMs: number,
): Promise<Replies.AssertQueue> {
  return channel.assertQueue(queue, {
    durable: true,
    arguments: { 'x-queue-type': 'classic', 'x-expires': retentionMs },
  });
}

/** Declares the group's members queue; its consumer count is the number of live members. */
export function declareMembersQueue(channel: Channel, queue: string): Promise<Replies.AssertQueue> {
  return channel.assertQueue(queue, {
    durable: true,
    arguments: { 'x-queue-type': 'classic', 'x-expires': MEMBERS_QUEUE_EXPIRES_MS },
  });
}

export interface GroupTopology {
  readonly exchange: string;
  readonly groupId: string;
  readonly partitions: number;
  readonly retentionMs: number;
}

/**
 * The exchange and all of a group's queues, bound. Once this resolves, every message published to
 * the topic reaches the group, consumed or not: subscribe waits for it for that reason.
 */
export async function declareGroup(channel: Channel, group: GroupTopology): Promise<void> {
  await declareTopic(channel, group.exchange);
  for (let partition = 0; partition < group.partitions; partition++) {
    const queue = partitionQueueName(group.exchange, group.groupId, partition);
    await declarePartitionQueue(channel, queue, group.retentionMs);
    await channel.bindQueue(queue, group.exchange, routingKeyFor(partition));
  }
  await declareMembersQueue(channel, membersQueueName(group.exchange, group.groupId));
}
