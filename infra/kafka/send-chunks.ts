import type { Message } from 'kafkajs';

/**
 * The most payload one produce request carries. kafkajs puts all of a request's messages for a
 * partition into one record batch, and the broker refuses a batch over its message.max.bytes (1 MB by
 * default) even when each message fits, so a large publish goes out as several requests, in order.
 */
export const SEND_BUDGET_BYTES = 512 * 1024;
/** Rough per-record framing (lengths, offsets, timestamps as varints), so many tiny messages count too. */
const RECORD_OVERHEAD_BYTES = 64;

/** Splits messages, in order, into runs of at most SEND_BUDGET_BYTES; a larger message goes alone. */
export function sendChunks(messages: readonly Message[]): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let currentBytes = 0;
  for (const message of messages) {
    const bytes = recordBytes(message);
    if (current.length > 0 && currentBytes + bytes > SEND_BUDGET_BYTES) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(message);
    currentBytes += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function recordBytes({ key, value, headers }: Message): number {
  let bytes = RECORD_OVERHEAD_BYTES + byteLength(key) + byteLength(value);
  for (const [name, header] of Object.entries(headers ?? {})) {
    bytes +=
      Buffer.byteLength(name) +
      (Array.isArray(header) ? header : [header]).reduce((sum, h) => sum + byteLength(h), 0);
  }
  return bytes;
}

function byteLength(data: Buffer | string | null | undefined): number {
  if (data === null || data === undefined) return 0;
  return typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}
