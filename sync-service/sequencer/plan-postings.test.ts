import { describe, expect, it } from 'vitest';
import type { AbsPostingEvent } from '../../contracts/abs/abs-schemas.ts';
import { planPostings } from './plan-postings.ts';

const posting = (accountId: string, sequence: number): AbsPostingEvent => ({
  postingId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
  accountId,
  organisationId: '00000000-0000-4000-8000-000000000000',
  accountNumber: '40702810000000000001',
  currency: 'RUB',
  sequence,
  amountMinor: 100,
  balanceAfterMinor: 100 * sequence,
  bookedAt: '2026-11-21T10:00:00.000Z',
  description: 'test',
});

describe('planPostings', () => {
  it('applies N+1 in order, even when the batch arrives shuffled', () => {
    const plan = planPostings([posting('a', 3), posting('a', 1), posting('a', 2)], new Map([['a', 0]]));
    expect(plan.apply.map((p) => p.sequence)).toEqual([1, 2, 3]);
    expect(plan).toMatchObject({ duplicates: 0, gaps: [] });
  });

  it('drops sequences at or below the last applied as duplicates, also within one batch', () => {
    const plan = planPostings(
      [posting('a', 4), posting('a', 5), posting('a', 6), posting('a', 6)],
      new Map([['a', 5]]),
    );
    expect(plan.apply.map((p) => p.sequence)).toEqual([6]);
    expect(plan.duplicates).toBe(3);
  });

  it('reports a gap and holds back everything beyond it', () => {
    const plan = planPostings([posting('a', 2), posting('a', 4), posting('a', 5)], new Map([['a', 1]]));
    expect(plan.apply.map((p) => p.sequence)).toEqual([2]);
    expect(plan.gaps).toEqual([{ accountId: 'a', lastApplied: 2, firstBeyond: 4 }]);
  });

  it('treats an account the cache has never seen as being at sequence 0', () => {
    const plan = planPostings([posting('new', 1), posting('other', 2)], new Map());
    expect(plan.apply.map((p) => p.accountId)).toEqual(['new']);
    expect(plan.gaps).toEqual([{ accountId: 'other', lastApplied: 0, firstBeyond: 2 }]);
  });
});
