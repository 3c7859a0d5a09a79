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
  /** Whether the once-per-activation probability draw passed (actions, holding a feed, skew). */
  readonly activationPassed: boolean;
  /** Taken off the engine: applies to nothing from then on. */
  removed = false;

  constructor(rule: ActiveFaultRule, addedAt: number, engineStart: number, activationPassed: boolean) {
    this.rule = rule;
    this.addedAt = addedAt;
    this.engineStart = engineStart;
    this.activationPassed = activationPassed;
  }

  /** Whether the rule applies to traffic of clock time `at`: inside its window and still on the engine. */
  appliesAt(at: number): boolean {
    return !this.removed && at >= this.opensAt && at < this.closesAt;
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
