import type { FaultMatch } from './fault-rule-schema.ts';
import { globMatches } from './glob-match.ts';

/** What a request or message offers to be matched on. */
export interface MatchContext {
  readonly method?: string;
  readonly path?: string;
  readonly topic?: string;
  readonly key?: string;
}

/**
 * What one decision is about: the rules are matched on the context, and the decision's randomness
 * is drawn from `identity` (a request's method, path and attempt number for that path; a message's
 * topic, key and position among that key's messages), so the same request or message meets the
 * same fault whatever arrived before it. `at` is the clock time the traffic belongs to: a message
 * published later than it was emitted is judged by the windows at its emission.
 */
export interface DecisionContext extends MatchContext {
  readonly identity: string;
  readonly at?: number;
}

/** Every field the rule names must match; a field the traffic does not have never matches. */
export function ruleMatches(match: FaultMatch | undefined, context: MatchContext): boolean {
  if (!match) return true;
  if (match.method !== undefined) {
    const methods = Array.isArray(match.method) ? match.method : [match.method];
    const method = context.method?.toUpperCase();
    if (!methods.some((m) => m.toUpperCase() === method)) return false;
  }
  return (
    globOk(match.path, context.path) && globOk(match.topic, context.topic) && globOk(match.key, context.key)
  );
}

function globOk(glob: string | undefined, value: string | undefined): boolean {
  return glob === undefined || (value !== undefined && globMatches(glob, value));
}
