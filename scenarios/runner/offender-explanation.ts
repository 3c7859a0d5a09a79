import type { FaultJournalEntry } from '../../simulator/faults/fault-journal.ts';
import type { MessageSummary } from '../../simulator/history/source-history.ts';
import type { Holdings, OffenderVerdict } from '../checker/offender.ts';

// Types of their own, so a run's result can carry the explanations without depending on the code
// that finds them (which itself judges verdicts).

/** A journal entry that names an offender, its time counted like the history's: scenario ms since traffic started. */
export type OffenderFault = Omit<FaultJournalEntry, 'at'> & { readonly at: number };

/** One entity behind a failed verdict, with its story: what the source sent and what hit it on the way. */
export interface OffenderExplanation {
  readonly verdict: OffenderVerdict;
  readonly entity: string;
  /** What the source holds of it. */
  readonly source: Holdings | null;
  /** What the cache holds of it. */
  readonly cache: Holdings | null;
  /** The messages emitted under its keys, in emission order (see SourceHistory.messagesOf). */
  readonly history: readonly MessageSummary[];
  /**
   * Journal entries of its source naming one of its keys: every action on it (a grey edit), then
   * the first faults on its messages and requests, `FAULTS_PER_OFFENDER` (explain-offenders.ts) in all, in journal order.
   */
  readonly faults: readonly OffenderFault[];
}
