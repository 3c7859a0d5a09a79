import { createHash } from 'node:crypto';

/**
 * Replay ids as the Pub/Sub API hands them out: opaque bytes, increasing along the stream but not
 * contiguous, so a subscriber that computes the next id instead of storing the one it got breaks
 * here as it would against Salesforce. On the wire they are eight bytes, big-endian — the form
 * the published clients decode (`readBigUInt64BE`).
 */

/** Where a fresh stream starts: the replay id a keepalive names before any event exists. */
export const FIRST_REPLAY_ID = 7_340_032n;

/** The id after `previous` for the event at `sequence` in the stream: a stride of 1–16, by hash. */
export function nextReplayId(previous: bigint, sequence: number): bigint {
  const step = createHash('sha256').update(String(sequence)).digest().readUInt8(0) % 16;
  return previous + 1n + BigInt(step);
}

export function encodeReplayId(id: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(id);
  return bytes;
}

/** The id in `bytes`, or undefined when they are not one this server handed out (wrong length). */
export function decodeReplayId(bytes: Uint8Array): bigint | undefined {
  if (bytes.length !== 8) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readBigUInt64BE();
}
