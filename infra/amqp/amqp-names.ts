/**
 * Names of the RabbitMQ objects behind a topic. A topic is a direct exchange; each consumer group
 * has one durable queue per partition on it, and a members queue whose consumer count tells the
 * group how many members it has. Topic and group are percent-encoded so the `:` separators stay
 * unambiguous (topic `a:b` with group `c` and topic `a` with group `b:c` must not share queues),
 * while the usual names (`abs.postings`, `sync-service`) read unchanged in rabbitmqctl.
 */
export function partitionQueueName(exchange: string, groupId: string, partition: number): string {
  return `${encodeURIComponent(exchange)}:${encodeURIComponent(groupId)}:${partition}`;
}

export function membersQueueName(exchange: string, groupId: string): string {
  return `${encodeURIComponent(exchange)}:${encodeURIComponent(groupId)}:members`;
}

/** The routing key a partition's messages carry and its queues are bound with. */
export function routingKeyFor(partition: number): string {
  return String(partition);
}
