import { describe, expect, it } from 'vitest';
import { createOffsetSequence } from './offset-sequence.ts';

describe('offset sequence', () => {
  it('counts up from the base in each (topic, partition) on its own', () => {
    const offsets = createOffsetSequence(1000);
    expect([offsets.next('a', 0), offsets.next('a', 0), offsets.next('a', 1), offsets.next('b', 0)]).toEqual([
      1000, 1001, 1000, 1000,
    ]);
    expect(offsets.next('a', 0)).toBe(1002);
  });
});
