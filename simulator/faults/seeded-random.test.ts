import { describe, expect, it } from 'vitest';
import { decisionRandom, shuffled } from './seeded-random.ts';

describe('seeded randomness', () => {
  it('gives the same draws for the same (seed, stream, counter) and different ones otherwise', () => {
    const draws = (seed: number, stream: string, counter: number) => {
      const random = decisionRandom(seed, stream, counter);
      return [random(), random(), random()];
    };
    expect(draws(7, 'rule-1', 3)).toEqual(draws(7, 'rule-1', 3));
    expect(draws(7, 'rule-1', 3)).not.toEqual(draws(8, 'rule-1', 3));
    expect(draws(7, 'rule-1', 3)).not.toEqual(draws(7, 'rule-2', 3));
    expect(draws(7, 'rule-1', 3)).not.toEqual(draws(7, 'rule-1', 4));
  });

  it('is roughly uniform across decisions', () => {
    const firsts = Array.from({ length: 10_000 }, (_, counter) => decisionRandom(1, 'r', counter)());
    const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...firsts)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...firsts)).toBeLessThan(1);
  });

  it('shuffles into a permutation', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect([...shuffled(items, decisionRandom(1, 's', 0))].sort()).toEqual(items);
  });
});
