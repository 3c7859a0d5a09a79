/**
 * The fault engine's randomness. Every decision gets its own small generator seeded from
 * (engine seed, stream name, counter), so a decision never depends on how many other decisions
 * ran before it, on which timer fired first, or on the wall clock: the same seed and rules replay
 * the same faults even when requests of different targets interleave differently.
 */

import { mix32, Sfc32, unit } from '../data/prng.ts';

/** Uniform in [0, 1). */
export type Random = () => number;

/** 32-bit string hash (murmur3's mixing over FNV-1a), good enough to spread seeds apart. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * The generator of one decision: decision `counter` of `stream` (a rule id, or a rule id and a
 * purpose) under `seed`. Seeds of any size work; they are hashed, not truncated.
 */
export function decisionRandom(seed: number, stream: string, counter: number): Random {
  // The same sfc32 as the world's Rng, seeded from raw words rather than a numeric key.
  const generator = new Sfc32(
    hashString(`seed:${seed}`),
    hashString(stream),
    counter >>> 0,
    Math.floor(counter / 2 ** 32),
  );
  return () => unit(generator.next());
}

/** An integer in [min, max], inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Fisher–Yates with the given randomness; returns a new array. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A standard normal draw (Box–Muller), for log-normal latencies. */
export function standardNormal(random: Random): number {
  const u = 1 - random(); // (0, 1], so the log is finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
