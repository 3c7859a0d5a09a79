/**
 * The fault engine's randomness. Every decision gets its own small generator seeded from
 * (engine seed, stream name, counter), so a decision never depends on how many other decisions
 * ran before it, on which timer fired first, or on the wall clock: the same seed and rules replay
 * the same faults even when requests of different targets interleave differently.
 */

/** Uniform in [0, 1). */
export type Random = () => number;

/** 32-bit string hash (murmur3's mixing over FNV-1a), good enough to spread seeds apart. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's small fast counter): tiny, fast, passes PractRand for our needs. */
export function sfc32(a: number, b: number, c: number, d: number): Random {
  let [s0, s1, s2, s3] = [a >>> 0, b >>> 0, c >>> 0, d >>> 0];
  return () => {
    const t = (((s0 + s1) >>> 0) + s3) >>> 0;
    s3 = (s3 + 1) >>> 0;
    s0 = s1 ^ (s1 >>> 9);
    s1 = (s2 + (s2 << 3)) >>> 0;
    s2 = (s2 << 21) | (s2 >>> 11);
    s2 = (s2 + t) >>> 0;
    return t / 4_294_967_296;
  };
}

/**
 * The generator of one decision: decision `counter` of `stream` (a rule id, or a rule id and a
 * purpose) under `seed`. Seeds of any size work; they are hashed, not truncated.
 */
export function decisionRandom(seed: number, stream: string, counter: number): Random {
  const random = sfc32(hash32(`seed:${seed}`), hash32(stream), counter >>> 0, Math.floor(counter / 2 ** 32));
  // The first outputs of sfc32 still echo the seed words; burn them as its author recommends.
  for (let i = 0; i < 12; i++) random();
  return random;
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
