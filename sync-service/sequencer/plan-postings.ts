import type { AbsPostingEvent } from '../../contracts/abs/abs-schemas.ts';
import { entityKey, planSequence } from './plan-sequence.ts';

export interface SequenceGap {
  readonly accountId: string;
  /** The last sequence the cache holds for the account. */
  readonly lastApplied: number;
  /** The first sequence that arrived beyond the gap. */
  readonly firstBeyond: number;
}

export interface PostingPlan {
  /** In order per account, each exactly the next sequence. */
  readonly apply: AbsPostingEvent[];
  readonly duplicates: number;
  /** Accounts whose next posting is missing: everything beyond it waits for a point fetch. */
  readonly gaps: SequenceGap[];
}

/** The sequencer's rule (planSequence) for ABS postings, whose entity is the account. */
export function planPostings(
  postings: readonly AbsPostingEvent[],
  lastApplied: ReadonlyMap<string, number>,
): PostingPlan {
  const positions = new Map([...lastApplied].map(([accountId, n]) => [entityKey('account', accountId), n]));
  const plan = planSequence(
    postings.map((posting) => ({
      entity: 'account',
      id: posting.accountId,
      sequence: posting.sequence,
      posting,
    })),
    positions,
  );
  return {
    apply: plan.apply.map((x) => x.posting),
    duplicates: plan.duplicates,
    gaps: plan.gaps.map((g) => ({ accountId: g.id, lastApplied: g.lastApplied, firstBeyond: g.firstBeyond })),
  };
}
