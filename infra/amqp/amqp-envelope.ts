import type { ConsumeMessage, Options } from 'amqplib';
import type { BusMessage, Headers } from '../event-bus.ts';

// RabbitMQ has no message key or offset: both travel as AMQP headers, and the caller's headers as a
// nested table beside them, so no caller header name can collide with ours.
const KEY_HEADER = 'corebridge-key';
const OFFSET_HEADER = 'corebridge-offset';
const HEADERS_HEADER = 'corebridge-headers';
/**
 * amqplib encodes a message's properties into one 64 KiB buffer and throws past it, after earlier
 * messages of the same publish went out; this budget (with room for framing) is checked up front.
 */
export const MAX_HEADER_BYTES = 60 * 1024;

export interface Envelope {
  readonly key: string;
  /** The publisher's sequence number in the partition (see offset-sequence.ts). */
  readonly offset: number;
  readonly headers: Headers | undefined;
}

/** Persistent, so a durable queue keeps the message across a broker restart. */
export function publishOptions({ key, offset, headers }: Envelope): Options.Publish {
  return {
    persistent: true,
    headers: { [KEY_HEADER]: key, [OFFSET_HEADER]: String(offset), [HEADERS_HEADER]: { ...headers } },
  };
}

/** Bytes the key and headers take in the AMQP header table, roughly (names, values, type tags). */
export function envelopeHeaderBytes(key: string, headers: Headers | undefined): number {
  let bytes = 128 + Buffer.byteLength(key);
  for (const [name, value] of Object.entries(headers ?? {})) {
    bytes += 6 + Buffer.byteLength(name) + Buffer.byteLength(value);
  }
  return bytes;
}

/**
 * The message as the port describes it. A message that did not come through this bus (no
 * envelope) reads as key '' and offset -1, rather than failing the whole batch.
 */
export function toBusMessage(topic: string, partition: number, message: ConsumeMessage): BusMessage {
  const table = (message.properties.headers ?? {}) as Record<string, unknown>;
  const offset = Number(table[OFFSET_HEADER]);
  return {
    topic,
    partition,
    offset: Number.isSafeInteger(offset) ? offset : -1,
    key: typeof table[KEY_HEADER] === 'string' ? table[KEY_HEADER] : '',
    value: message.content,
    headers: toHeaders(table[HEADERS_HEADER]),
  };
}

function toHeaders(table: unknown): Headers {
  const headers: Record<string, string> = {};
  if (typeof table !== 'object' || table === null) return headers;
  for (const [name, value] of Object.entries(table)) {
    if (typeof value === 'string') headers[name] = value;
    else if (Buffer.isBuffer(value)) headers[name] = value.toString('utf8');
  }
  return headers;
}
