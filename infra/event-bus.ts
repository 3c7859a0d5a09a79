/**
 * The event bus port: the only thing the simulator and the sync service know about Kafka-like
 * transports. Adapters: `memory` (embedded default), `kafka` (kafkajs) and `amqp` (RabbitMQ, for the
 * CRM and MDM feeds). All pass the same conformance suite (test/event-bus-conformance.ts).
 */

/** Kafka's default `message.max.bytes` is 1 MB (+ a little record overhead); every adapter enforces 1 MiB. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export type Headers = Readonly<Record<string, string>>;

export interface OutgoingMessage {
  readonly key: string;
  readonly value: Buffer | string;
  readonly headers?: Headers;
}

export interface BusMessage {
  readonly topic: string;
  readonly partition: number;
  /** Position in the partition; a redelivered message keeps its offset. */
  readonly offset: number;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Headers;
}

/**
 * Receives the messages of one partition in order. Throwing redelivers the whole batch (after a
 * backoff), so handlers must be idempotent: delivery is at-least-once.
 */
export type BatchHandler = (batch: readonly BusMessage[]) => Promise<void>;

export interface SubscribeOptions {
  readonly groupId: string;
  readonly topic: string;
  readonly handleBatch: BatchHandler;
  /** Upper bound of messages handed over at once. Default 500. */
  readonly maxBatchSize?: number;
  /** Start from the earliest offset when the group has none committed. Default true. */
  readonly fromBeginning?: boolean;
  /** Told of each failed attempt before the batch is redelivered, e.g. to log it. Default: nothing. */
  readonly onHandlerError?: (error: unknown, batch: readonly BusMessage[], attempt: number) => void;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface EventBus {
  readonly kind: 'memory' | 'kafka' | 'amqp';
  /**
   * Appends the messages in order, as one batch where the transport allows. Messages with the same
   * key land on the same partition and are consumed in publish order. A message over
   * MAX_MESSAGE_BYTES rejects the whole call before anything is sent.
   */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Resolves when the transport answers (readiness checks); rejects with why it does not. */
  ping(): Promise<void>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Thrown by `publish` for a message over MAX_MESSAGE_BYTES, like Kafka's MESSAGE_TOO_LARGE. */
export class MessageTooLargeError extends Error {
  readonly code = 'MESSAGE_TOO_LARGE';
  constructor(topic: string, bytes: number) {
    super(
      `Failed to publish to ${topic}: the message is ${bytes} bytes, over the ${MAX_MESSAGE_BYTES}-byte limit. Split the payload or raise the limit on both sides.`,
    );
  }
}

export function isMessageTooLargeError(error: unknown): error is MessageTooLargeError {
  return error instanceof MessageTooLargeError;
}
