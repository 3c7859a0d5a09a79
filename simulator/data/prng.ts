/**
 * Counter-based randomness: every value of the world is drawn from a generator keyed by what it
 * describes (seed, stream, client index, slot, ...), never from a shared running generator. So
 * client 999 999 costs the same as client 0, needs nothing stored, and adding a field to one
 * stream never shifts the values of another.
 */

const TWO_POW_32 = 4_294_967_296;

function rotl(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** murmur3's finaliser: every input bit flips about half of the output bits. */
export function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** murmur3 (32-bit) over a key of safe integers; each contributes its low and high 32 bits. */
export function hash32(...key: readonly number[]): number {
  let h = 0x6a09e667;
  for (const word of key) {
    h = absorb(h, word >>> 0);
    h = absorb(h, Math.floor(word / TWO_POW_32) >>> 0);
  }
  return mix32(h ^ (key.length * 8));
}

function absorb(h: number, part: number): number {
  const k = Math.imul(rotl(Math.imul(part, 0xcc9e2d51), 15), 0x1b873593);
  return (Math.imul(rotl(h ^ k, 13), 5) + 0xe6546b64) | 0;
}

/** A uniform float in [0, 1) from one 32-bit word. */
export function unit(word: number): number {
  return (word >>> 0) / TWO_POW_32;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator) over four raw 32-bit state words.
 * The world's `Rng` and the fault engine's decision generators both run on it.
 */
export class Sfc32 {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
    // The first outputs still echo the seed words (and how similar neighbouring keys were); burn them.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** The next uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (rotl(this.#c, 21) + t) | 0;
    return t >>> 0;
  }
}

/** sfc32 keyed through hash32, with the draws the world's generators need. */
export class Rng extends Sfc32 {
  constructor(...key: readonly number[]) {
    const h = hash32(...key);
    super(h, mix32(h ^ 0x9e3779b9), mix32(h ^ 0x7f4a7c15), 1);
  }

  /** Uniform in [0, 1) with 53 bits, so wide integer ranges (milliseconds over decades) stay even. */
  float(): number {
    return ((this.next() >>> 5) * 67_108_864 + (this.next() >>> 6)) / 9_007_199_254_740_992;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    const span = max - min + 1;
    return min + Math.floor((span <= TWO_POW_32 ? unit(this.next()) : this.float()) * span);
  }

  chance(probability: number): boolean {
    return unit(this.next()) < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Failed to pick from an empty list: the vocabulary is missing.');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One of the values, each as likely as its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let roll = unit(this.next()) * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return this.pick(choices)[0];
  }

  /** A string of `count` decimal digits (leading zeros allowed). */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.next() % 10);
    return out;
  }
}
