import type { WorldIdCodec } from './world-id.ts';

/** What every derivation of the world needs: the seed, the size, the id codec and the time frame. */
export interface WorldContext {
  readonly seed: number;
  readonly clients: number;
  readonly ids: WorldIdCodec;
  /** First instant of history, inclusive (UTC ms, midnight). */
  readonly historyFromMs: number;
  /** The world's "now", exclusive (UTC ms, midnight). */
  readonly untilMs: number;
}

/**
 * One number per stream of randomness, part of every key. Streams are independent: a change to how
 * tasks are drawn leaves every account and posting as it was. Never renumber: the numbers are part
 * of every seeded dataset's identity.
 */
export const STREAM = {
  profile: 1,
  organisation: 2,
  person: 3,
  account: 4,
  authority: 5,
  task: 6,
  interactionCount: 7,
  interactionTime: 8,
  interaction: 9,
  postingRate: 10,
  postingCount: 11,
  postingTime: 12,
  posting: 13,
} as const;
