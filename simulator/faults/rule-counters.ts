/**
 * What each rule did, counted exactly: journal entries by kind (`injected`, `action`, `rule-on`,
 * `rule-off`) and outcomes a rule counts without journaling them (`admitted` by a capacity model).
 * Judges read these rather than scanning the journal, whose oldest entries may have fallen out.
 */
export type RuleCounts = Readonly<Record<string, number>>;

export class RuleCounters {
  private readonly byRule = new Map<string, Map<string, number>>();

  add(ruleId: string, outcome: string): void {
    let counts = this.byRule.get(ruleId);
    if (!counts) {
      counts = new Map();
      this.byRule.set(ruleId, counts);
    }
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  }

  /** One rule's counts; an outcome it never had is absent (read it as 0). */
  of(ruleId: string): RuleCounts {
    return Object.fromEntries(this.byRule.get(ruleId) ?? []);
  }

  /** Every rule's counts, by rule id. */
  all(): Readonly<Record<string, RuleCounts>> {
    return Object.fromEntries([...this.byRule.keys()].map((id) => [id, this.of(id)]));
  }

  /** One outcome summed over every rule, e.g. all injections of a run. */
  total(outcome: string): number {
    let sum = 0;
    for (const counts of this.byRule.values()) sum += counts.get(outcome) ?? 0;
    return sum;
  }
}
