import { describe, expect, it } from 'vitest';
import { LeakyBucket } from './leaky-bucket.ts';

describe('LeakyBucket', () => {
  it('lets a burst of 50 through, refuses the 51st, and drains 2 per second', () => {
    let now = 0;
    const bucket = new LeakyBucket({ burst: 50, perSecond: 2 });
    const burst = Array.from({ length: 50 }, () => bucket.take(now).admitted);
    expect(burst.every(Boolean)).toBe(true);
    expect(bucket.take(now).admitted).toBe(false);
    // A refused request adds nothing: half a second later exactly one slot is free again.
    now += 500;
    expect(bucket.take(now).admitted).toBe(true);
    expect(bucket.take(now).admitted).toBe(false);
    now += 10_000;
    expect(bucket.levelAt(now)).toBe(30);
  });

  it('never fills when requests come no faster than the drain rate', () => {
    let now = 0;
    const bucket = new LeakyBucket({ burst: 50, perSecond: 2 });
    for (let i = 0; i < 500; i++) {
      expect(bucket.take(now).admitted).toBe(true);
      now += 500;
    }
  });

  it('rejects a bucket that could never pass a request', () => {
    expect(() => new LeakyBucket({ burst: 0, perSecond: 2 })).toThrow(/Failed to create/);
  });
});
