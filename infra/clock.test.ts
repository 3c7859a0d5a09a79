import { describe, expect, it } from 'vitest';
import { heldClock } from './clock.ts';

describe('a held clock', () => {
  it('follows its base until held, then stands at the hold, never going back', () => {
    let base = 1_000;
    const clock = heldClock({ now: () => base });
    expect(clock.now()).toBe(1_000);
    base = 1_500;
    clock.holdAt(1_200);
    expect(clock.now()).toBe(1_200);
    base = 3_000;
    expect(clock.now()).toBe(1_200);
    clock.holdAt(1_100);
    expect(clock.now()).toBe(1_200);
    clock.holdAt(2_000);
    expect(clock.now()).toBe(2_000);
    clock.release();
    expect(clock.now()).toBe(3_000);
  });
});
