import { type Admin, Kafka, Partitioners } from 'kafkajs';
import { createBusSubscriptions } from '../bus-subscriptions.ts';
import {
  type EventBus,
  MAX_MESSAGE_BYTES,
  MessageTooLargeError,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
} from '../event-bus.ts';
import { createLogger, type Logger } from '../logger.ts';
import { hasBrokerErrorType } from './broker-error-type.ts';
import { startKafkaSubscription } from './kafka-subscription.ts';
import { createTopicEnsurer } from './kafka-topics.ts';
import { kafkajsLevelFor, pinoLogCreator } from './kafkajs-log.ts';
import { sendChunks } from './send-chunks.ts';

export interface KafkaBusOptions {
  /** host:port of one or more brokers, e.g. `KafkaHandle.brokers`. */
  readonly brokers: readonly string[];
  /** Names this process in broker logs and quotas. */
  readonly clientId: string;
  /**
   * Prepended to every topic name in Kafka, so test files and scenario runs sharing a broker do not
   * see each other's messages. Handlers still see the unprefixed name. Default ''.
   */
  readonly topicPrefix?: string;
  /**
   * How long the group waits for a silent member (a killed process) before handing its partitions
   * to the others, ms. Shorter hands them on sooner after a crash; too short evicts a member busy
   * with a long batch. At least the broker's group.min.session.timeout.ms (6 000 by default).
   * Default 30 000 (kafkajs').
   */
  readonly sessionTimeoutMs?: number;
  /**
   * Where kafkajs' own lines go (JSON, see `pinoLogCreator`); its debug lines only when the logger
   * writes debug. Default: errors and warnings on stderr.
   */
  readonly log?: Logger;
}

/**
 * The EventBus on a real Kafka cluster (kafkajs). Connections open lazily on first use. Messages are
 * acknowledged by all in-sync replicas (acks -1) from an idempotent producer with one request in
 * flight, so retries neither duplicate nor reorder a key's messages.
 */
export function createKafkaBus(options: KafkaBusOptions): EventBus {
  const prefix = options.topicPrefix ?? '';
  const log = options.log ?? createLogger('kafka', 'warn');
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: kafkajsLevelFor(log),
    logCreator: pinoLogCreator(log),
  });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // Kafka's Java-client partitioning (murmur2 of the key); naming it also silences kafkajs' v2 warning.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const admin = kafka.admin();
  const connectedAdmin = retryableOnce(async (): Promise<Admin> => {
    await admin.connect();
    return admin;
  });
  const connectedProducer = retryableOnce(() => producer.connect());
  const ensureTopic = createTopicEnsurer(connectedAdmin);
  const lifecycle = createBusSubscriptions('Kafka', async () => {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  });
  const { failIfStopped } = lifecycle;

  const bus: EventBus = {
    kind: 'kafka',

    async publish(topic: string, messages: readonly OutgoingMessage[]) {
      failIfStopped(`publish to ${topic}`);
      const encoded = messages.map(({ key, value, headers }) => ({
        key,
        value: typeof value === 'string' ? Buffer.from(value, 'utf8') : value,
        headers: { ...headers },
      }));
      // Checked for all messages first: an oversized one refuses the whole call, nothing is sent.
      const largest = encoded.reduce((max, { value }) => Math.max(max, value.length), 0);
      if (largest > MAX_MESSAGE_BYTES) throw new MessageTooLargeError(topic, largest);
      if (encoded.length === 0) return;
      await ensureTopic(prefix + topic);
      await connectedProducer();
      try {
        for (const chunk of sendChunks(encoded)) {
          await producer.send({ topic: prefix + topic, acks: -1, messages: chunk });
        }
      } catch (error) {
        // A broker with a lower message.max.bytes than ours refuses what passed the check above.
        if (hasBrokerErrorType(error, 'MESSAGE_TOO_LARGE')) throw new MessageTooLargeError(topic, largest);
        throw error;
      }
    },

    async subscribe(subscribeOptions: SubscribeOptions): Promise<Subscription> {
      failIfStopped(`subscribe to ${subscribeOptions.topic}`);
      const kafkaTopic = prefix + subscribeOptions.topic;
      await ensureTopic(kafkaTopic);
      const subscription = await startKafkaSubscription({
        kafka,
        admin: connectedAdmin,
        kafkaTopic,
        subscribe: subscribeOptions,
        sessionTimeoutMs: options.sessionTimeoutMs,
      });
      return lifecycle.adopt(subscription, `subscribe to ${subscribeOptions.topic}`);
    },

    async ping() {
      failIfStopped('reach the broker');
      await (await connectedAdmin()).describeCluster();
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

/** Runs `action` once and shares its result; a failure is forgotten so the next call tries again. */
function retryableOnce<T>(action: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending === undefined) {
      const attempt = action();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}
