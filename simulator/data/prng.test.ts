import { describe, expect, it } from 'vitest';
import { hash32, Rng } from './prng.ts';

describe('keyed PRNG', () => {
  it('gives the same stream for the same key and unrelated streams for neighbouring keys', () => {
    const draw = (...key: number[]) => {
      const rng = new Rng(...key);
      return Array.from({ length: 8 }, () => rng.next());
    };
    expect(draw(1, 2, 3)).toEqual(draw(1, 2, 3));
    expect(draw(1, 2, 3)).not.toEqual(draw(1, 2, 4));
    expect(draw(1, 2, 3)).not.toEqual(draw(1, 3, 2));
    // A seed beyond 32 bits must not collide with its low half.
    expect(draw(2 ** 32 + 7)).not.toEqual(draw(7));
  });

  it('pins its output, so a change to the generator is a deliberate one (it reseeds every world)', () => {
    expect(hash32(1, 2, 3)).toBe(1_298_372_322);
    const rng = new Rng(42);
    expect([rng.next(), rng.next(), rng.next()]).toMatchInlineSnapshot(`
      [
        3153843201,
        1991854503,
        4084869347,
      ]
    `);
  });

  it('draws integers evenly across the whole range, ends included', () => {
    const rng = new Rng(7);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(0, 9)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 10_000; i++) {
      const value = rng.int(Date.UTC(2016, 0, 1), Date.UTC(2026, 0, 1));
      expect(value).toBeGreaterThanOrEqual(Date.UTC(2016, 0, 1));
      expect(value).toBeLessThanOrEqual(Date.UTC(2026, 0, 1));
    }
  });

  it('honours weights', () => {
    const rng = new Rng(8);
    let heavy = 0;
    for (let i = 0; i < 100_000; i++)
      if (
        rng.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    expect(Math.abs(heavy - 90_000)).toBeLessThan(1000);
  });
});
