import { MAX_MESSAGE_BYTES } from '../../infra/event-bus.ts';

export interface AvalanchePacking<T> {
  /** Items per message at most; the incident had 10 000 postings in one message. */
  readonly maxItems: number;
  /** Serialized size per message at most. Default 1 000 000 bytes, under the bus's 1 MiB. */
  readonly maxBytes?: number;
  /** The message around a run of items, e.g. `(postings) => ({ type: 'closing', postings })`. */
  readonly wrap: (items: T[]) => unknown;
}

/**
 * Packs an avalanche handler's items (closing postings of 10-year-old accounts…) into as few JSON
 * messages as the limits allow: each as large as the incident's, none over the bus limit. Greedy,
 * in item order, so a seeded list of items always packs the same way.
 */
export function packAvalanche<T>(items: readonly T[], packing: AvalanchePacking<T>): string[] {
  const maxBytes = packing.maxBytes ?? 1_000_000;
  if (maxBytes > MAX_MESSAGE_BYTES) {
    throw new Error(
      `Failed to pack the avalanche: maxBytes ${maxBytes} is over the bus limit of ${MAX_MESSAGE_BYTES}. Use at most ${MAX_MESSAGE_BYTES}.`,
    );
  }
  const overhead = Buffer.byteLength(JSON.stringify(packing.wrap([])));
  const messages: string[] = [];
  let run: T[] = [];
  let bytes = overhead;
  const flush = () => {
    if (run.length > 0) messages.push(JSON.stringify(packing.wrap(run)));
    run = [];
    bytes = overhead;
  };
  for (const item of items) {
    const itemBytes = Buffer.byteLength(JSON.stringify(item));
    if (overhead + itemBytes > maxBytes) {
      throw new Error(
        `Failed to pack the avalanche: one item alone is ${itemBytes} bytes, over maxBytes ${maxBytes}. Make the items smaller.`,
      );
    }
    // Every item after the first in a message costs a comma too.
    if (run.length >= packing.maxItems || bytes + itemBytes + 1 > maxBytes) flush();
    bytes += itemBytes + (run.length > 0 ? 1 : 0);
    run.push(item);
  }
  flush();
  return messages;
}
