import type { AbsPostingEvent } from '../../contracts/abs/abs-schemas.ts';

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

/**
 * The sequencer's rule per account, given the last applied sequence N: N+1 applies,
 * ≤ N is a duplicate and is dropped, > N+1 is a gap (a lost message).
 */
export function planPostings(
  postings: readonly AbsPostingEvent[],
  lastApplied: ReadonlyMap<string, number>,
): PostingPlan {
  const byAccount = new Map<string, AbsPostingEvent[]>();
  for (const posting of postings) {
    const list = byAccount.get(posting.accountId) ?? [];
    list.push(posting);
    byAccount.set(posting.accountId, list);
  }
  const apply: AbsPostingEvent[] = [];
  const gaps: SequenceGap[] = [];
  let duplicates = 0;
  for (const [accountId, list] of byAccount) {
    list.sort((a, b) => a.sequence - b.sequence);
    let last = lastApplied.get(accountId) ?? 0;
    for (const posting of list) {
      if (posting.sequence <= last) {
        duplicates += 1;
      } else if (posting.sequence === last + 1) {
        apply.push(posting);
        last = posting.sequence;
      } else {
        gaps.push({ accountId, lastApplied: last, firstBeyond: posting.sequence });
        break;
      }
    }
  }
  return { apply, duplicates, gaps };
}
