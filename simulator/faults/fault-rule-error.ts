import { type FaultRule, faultRuleSchema } from './fault-rule-schema.ts';

export type FaultRuleProblem = 'invalid' | 'duplicate-id';

/** A rule the engine cannot take; the control API answers 400 (`invalid`) or 409 (`duplicate-id`). */
export class FaultRuleError extends Error {
  readonly code = 'FAULT_RULE_REJECTED';
  readonly problem: FaultRuleProblem;
  /** Where and what, one line each: `effect.type: …`. */
  readonly issues: readonly string[];

  constructor(problem: FaultRuleProblem, issues: readonly string[], fix: string) {
    super(`Failed to add the fault rule: ${issues.join('; ')}. ${fix}.`);
    this.problem = problem;
    this.issues = issues;
  }
}

export function isFaultRuleError(error: unknown): error is FaultRuleError {
  return error instanceof FaultRuleError;
}

export type ParsedFaultRule = { ok: true; rule: FaultRule } | { ok: false; error: FaultRuleError };

/** Validates a rule from a scenario file or a request body, as a value rather than a throw. */
export function parseFaultRule(input: unknown): ParsedFaultRule {
  const parsed = faultRuleSchema.safeParse(input);
  if (parsed.success) return { ok: true, rule: parsed.data };
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(rule)'}: ${issue.message}`);
  return {
    ok: false,
    error: new FaultRuleError(
      'invalid',
      issues,
      'Fix the rule as described; the schema is in simulator/faults/fault-rule-schema.ts',
    ),
  };
}
