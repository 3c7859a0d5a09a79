import type { Offender } from './offender.ts';

/** How a source's truth and the cache compare for the records a run touched. */
export interface SourceComparison {
  /** Records whose newest version the cache does not hold. */
  readonly lost: number;
  /** Records held more than once (e.g. two cards for one client). */
  readonly duplicated: number;
  /** Records the cache holds at the source's version but with other content, or ahead of the source. */
  readonly diverged: number;
  readonly checked: number;
  /** The records behind the counts, the first of each verdict by entity (see offender.ts). */
  readonly offenders: readonly Offender[];
}
