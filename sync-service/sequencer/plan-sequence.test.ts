import { describe, expect, it } from 'vitest';
import { planSequence } from './plan-sequence.ts';

const item = (id: string, sequence: number) => ({ entity: 'company', id, sequence });

describe('planSequence', () => {
  it('applies N+1 in order, even when the batch arrives shuffled', () => {
    const plan = planSequence([item('a', 3), item('a', 2), item('b', 1)], new Map([['company:a', 1]]));
    expect(plan.apply.map((x) => `${x.id}${x.sequence}`)).toEqual(['a2', 'a3', 'b1']);
    expect(plan.duplicates).toBe(0);
    expect(plan.gaps).toEqual([]);
  });

  it('drops what is at or below the last applied sequence as a duplicate', () => {
    const plan = planSequence([item('a', 1), item('a', 2), item('a', 2)], new Map([['company:a', 1]]));
    expect(plan.apply.map((x) => x.sequence)).toEqual([2]);
    expect(plan.duplicates).toBe(2);
  });

  it('stops an entity at a gap and reports where it is', () => {
    const plan = planSequence(
      [item('a', 2), item('a', 5), item('a', 6), item('b', 1)],
      new Map([['company:a', 1]]),
    );
    expect(plan.apply.map((x) => `${x.id}${x.sequence}`)).toEqual(['a2', 'b1']);
    expect(plan.gaps).toEqual([{ entity: 'company', id: 'a', lastApplied: 2, firstBeyond: 5 }]);
  });
});
