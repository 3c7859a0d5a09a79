import type { FaultRule } from './fault-rule-schema.ts';

/** A rule as the engine holds it: always with an id. */
export type ActiveFaultRule = FaultRule & { readonly id: string };

export type RuleTransition = { readonly change: 'on' | 'off'; readonly at: number };

/**
 * One rule's life: pending until its window opens, on, then done when it closes. Windows are
 * single intervals, so a rule is on at most once; a clock that jumps over a whole window still
 * yields both edges, so an action scheduled in it is not silently skipped.
 */
export class RuleRuntime {
  readonly rule: ActiveFaultRule;
  readonly addedAt: number;
  private readonly engineStart: number;
  state: 'pending' | 'on' | 'done' = 'pending';
  /** Per-request or per-message decisions taken, the counter of the rule's random stream. */
  decisions = 0;
  /** Whether the once-per-activation probability draw passed (actions, holding a feed, skew). */
  activationPassed = false;

  constructor(rule: ActiveFaultRule, addedAt: number, engineStart: number) {
    this.rule = rule;
    this.addedAt = addedAt;
    this.engineStart = engineStart;
  }

  /** Clock time the rule switches on: its window start, or when it was added if later. */
  get opensAt(): number {
    return Math.max(this.addedAt, this.engineStart + (this.rule.window?.from ?? 0));
  }

  get closesAt(): number {
    const to = this.rule.window?.to;
    return to === undefined ? Number.POSITIVE_INFINITY : Math.max(this.addedAt, this.engineStart + to);
  }

  /** Moves the state to `now` and says which edges were crossed, in order. */
  observe(now: number): RuleTransition[] {
    const transitions: RuleTransition[] = [];
    if (this.state === 'pending' && now >= this.opensAt) {
      this.state = 'on';
      transitions.push({ change: 'on', at: this.opensAt });
    }
    if (this.state === 'on' && now >= this.closesAt) {
      this.state = 'done';
      transitions.push({ change: 'off', at: this.closesAt });
    }
    return transitions;
  }
}
