import { createBusSubscriptions } from '../bus-subscriptions.ts';
import {
  type EventBus,
  MAX_MESSAGE_BYTES,
  MessageTooLargeError,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
} from '../event-bus.ts';
import { partitionForKey } from '../memory/partition-for-key.ts';
import { envelopeHeaderBytes, MAX_HEADER_BYTES, publishOptions } from './amqp-envelope.ts';
import { routingKeyFor } from './amqp-names.ts';
import { DEFAULT_GROUP_RETENTION_MS } from './amqp-topology.ts';
import { createConfirmPublisher } from './confirm-publisher.ts';
import { startGroupMember } from './group-member.ts';
import { createOffsetSequence } from './offset-sequence.ts';
import { openConnection } from './open-connection.ts';

export interface AmqpBusOptions {
  /** amqp://user:password@host:port[/vhost], e.g. `AmqpHandle.url`. */
  readonly url: string;
  /** Names this process's connections in the broker (rabbitmqctl list_connections client_properties). */
  readonly clientId: string;
  /**
   * Prepended to every exchange (topic) name, so test files and scenario runs sharing a broker do
   * not see each other's messages. Handlers still see the unprefixed name. Default ''.
   */
  readonly topicPrefix?: string;
  /** Partitions per topic; every publisher and member of a topic must agree. Default 3, as the other adapters. */
  readonly partitions?: number;
  /** How long an abandoned group keeps its queues; see DEFAULT_GROUP_RETENTION_MS. Default 7 days. */
  readonly groupRetentionMs?: number;
  /** How often members recount their group and share partitions anew. Default 1000 ms. */
  readonly rebalanceIntervalMs?: number;
  /**
   * First offset stamped on each partition. Default: the clock in microseconds at bus creation, so a
   * restarted publisher continues above its earlier offsets (unless it averaged over 1000
   * messages a millisecond). Pass a fixed number for offsets that replay identically.
   */
  readonly offsetBase?: number;
  /** Told when a subscription loses its connection; it reconnects by itself. Default: a line on stderr. */
  readonly onConnectionError?: (error: unknown) => void;
}

/**
 * The EventBus on RabbitMQ (amqplib), for the CRM/MDM MQ feeds. A topic is a durable direct
 * exchange; a message goes to partition partitionForKey(key), the same hash as the memory adapter,
 * as its routing key; each consumer group has a durable queue per partition, consumed by one
 * member at a time (see group-member.ts), so a key's messages are handled in publish order.
 *
 * Where RabbitMQ differs from Kafka:
 * - A queue only receives what is published after it exists. A group's queues are created by its
 *   first subscribe, so messages published before any member of a group ever subscribed are not
 *   delivered to it, whatever `fromBeginning` says. From then on the queues keep everything for
 *   the group, with or without members: a restarted group resumes where it left off, and
 *   `fromBeginning` has nothing more to choose.
 * - Offsets are the publisher's sequence numbers, stamped into a header (see offset-sequence.ts).
 */
export function createAmqpBus(options: AmqpBusOptions): EventBus {
  const prefix = options.topicPrefix ?? '';
  const partitions = options.partitions ?? 3;
  const target = { url: options.url, clientId: options.clientId };
  const publisher = createConfirmPublisher(target);
  const offsets = createOffsetSequence(options.offsetBase ?? Date.now() * 1000);
  const onConnectionError =
    options.onConnectionError ??
    ((error: unknown) =>
      process.stderr.write(
        `amqp bus: a subscription lost its connection and reconnects: ${String(error)}\n`,
      ));
  const lifecycle = createBusSubscriptions('AMQP', async () => {
    await publisher.close();
  });
  const { failIfStopped } = lifecycle;

  const bus: EventBus = {
    kind: 'amqp',

    async ping() {
      failIfStopped('reach RabbitMQ');
      const connection = await openConnection({ url: options.url, clientId: `${options.clientId}-ping` });
      await connection.close();
    },

    async publish(topic: string, messages: readonly OutgoingMessage[]) {
      failIfStopped(`publish to ${topic}`);
      const encoded = messages.map(({ key, value, headers }) => ({
        key,
        value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
        headers,
      }));
      // Checked for all messages first: an oversized one refuses the whole call, nothing is sent.
      const largest = encoded.reduce((max, { value }) => Math.max(max, value.length), 0);
      if (largest > MAX_MESSAGE_BYTES) throw new MessageTooLargeError(topic, largest);
      for (const { key, headers } of encoded) {
        const bytes = envelopeHeaderBytes(key, headers);
        if (bytes > MAX_HEADER_BYTES) {
          throw new Error(
            `Failed to publish to ${topic}: the key and headers of message ${JSON.stringify(key.slice(0, 80))} take ${bytes} bytes, over AMQP's ${MAX_HEADER_BYTES}-byte header budget. Move large data into the value.`,
          );
        }
      }
      if (encoded.length === 0) return;
      try {
        await publisher.publish(prefix + topic, encoded, ({ key, value, headers }) => {
          const partition = partitionForKey(key, partitions);
          const offset = offsets.next(topic, partition);
          return {
            routingKey: routingKeyFor(partition),
            content: value,
            options: publishOptions({ key, offset, headers }),
          };
        });
      } catch (error) {
        throw new Error(
          `Failed to publish ${encoded.length} message(s) to ${prefix + topic}: ${(error as Error).message}. Some may have reached RabbitMQ; publish them again once it is reachable (consumers are idempotent).`,
          { cause: error },
        );
      }
    },

    async subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
      failIfStopped(`subscribe to ${subscribeOptions.topic}`);
      let subscription: Subscription;
      try {
        subscription = await startGroupMember({
          target,
          exchange: prefix + subscribeOptions.topic,
          partitions,
          retentionMs: options.groupRetentionMs ?? DEFAULT_GROUP_RETENTION_MS,
          rebalanceIntervalMs: options.rebalanceIntervalMs ?? 1_000,
          onConnectionError,
          subscribe: subscribeOptions,
        });
      } catch (error) {
        throw new Error(
          `Failed to subscribe group ${subscribeOptions.groupId} to ${prefix + subscribeOptions.topic}: ${(error as Error).message}. Check that RabbitMQ is reachable at the bus's url and that all members use the same partitions and groupRetentionMs.`,
          { cause: error },
        );
      }
      return lifecycle.adopt(subscription, `subscribe to ${subscribeOptions.topic}`);
    },

    stop() {
      return lifecycle.stop();
    },

    [Symbol.asyncDispose]() {
      return bus.stop();
    },
  };
  return bus;
}
