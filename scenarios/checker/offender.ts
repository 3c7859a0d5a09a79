/** Which count an offender adds to: the three verdicts every comparison with a source's truth has. */
export type OffenderVerdict = 'lost' | 'duplicated' | 'diverged';

/** Plain values a report can print and a JSON file can hold as they are. */
export type Holdings = Readonly<Record<string, unknown>>;

/** One entity a comparison counted against the cache, with what each side holds of it. */
export interface Offender {
  readonly verdict: OffenderVerdict;
  /** Whose truth it is: also the prefix of that source's topics and fault targets (`abs.postings`, `abs.rest`). */
  readonly system: 'abs' | 'crm' | 'mdm';
  /** What it is, with its source and id: `abs account <id>`, `crm company:<id>`, `mdm client <id>`. */
  readonly entity: string;
  /**
   * The ids the source's messages and requests name it by (an account's organisation, a record's
   * company): where its story is in the source history and the fault journal.
   */
  readonly keys: readonly string[];
  /** What the source holds; null when the source holds nothing (a deleted record). */
  readonly source: Holdings | null;
  /** What the cache holds; null when the cache holds no row. */
  readonly cache: Holdings | null;
}

/** Enough to see a pattern, few enough for a terminal and a report page. */
export const OFFENDERS_PER_VERDICT = 20;
/** Sequence numbers and ids listed per offender: the first few tell where a gap starts. */
export const EXAMPLES_PER_OFFENDER = 5;

/**
 * The first `OFFENDERS_PER_VERDICT` of each verdict, by entity: the same offenders in the same
 * order whatever order the cache returned its rows in, so two runs of one seed report alike.
 */
export function firstOffenders(offenders: readonly Offender[]): Offender[] {
  const sorted = [...offenders].sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
  const taken = new Map<OffenderVerdict, number>();
  return sorted.filter((offender) => {
    const count = taken.get(offender.verdict) ?? 0;
    taken.set(offender.verdict, count + 1);
    return count < OFFENDERS_PER_VERDICT;
  });
}
