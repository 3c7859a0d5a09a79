import type { Scenario } from '../runner/scenario-schema.ts';
import { scenarioSchema } from '../runner/scenario-schema.ts';
import type { ScenarioResult } from '../runner/verdict.ts';
import { type RawScenario, SHRINK_STEPS } from './shrink-candidates.ts';

/** One candidate run: what it changed and whether the verdict still failed (then it is kept). */
export interface ShrinkStep {
  readonly run: number;
  readonly change: string;
  readonly stillFails: boolean;
}

export interface ShrinkOptions {
  /** Runs one candidate (the CLI: a real run on a fresh database and bus). */
  readonly run: (scenario: Scenario) => Promise<ScenarioResult>;
  /** The verdict (check name, e.g. `lost`) that must keep failing. */
  readonly verdict: string;
  /** Candidate runs at most, so a shrink ends in bounded time. Default 40. */
  readonly maxRuns?: number;
  readonly onStep?: (step: ShrinkStep) => void;
}

export interface ShrinkResult {
  readonly scenario: RawScenario;
  readonly runs: number;
  readonly kept: readonly string[];
  /** false: the run budget ended the search before every step had been tried on the result. */
  readonly exhaustive: boolean;
}

/** Whether `verdict` failed in this run (a run that broke is not the same failure). */
export const failsVerdict = (result: ScenarioResult, verdict: string) =>
  !result.error && result.verdicts.some((v) => v.check === verdict && !v.passed);

/**
 * Delta debugging over a failing scenario, as fast-check shrinks a failing input: each kind of
 * step (drop timeline entries, shorten the run, narrow windows, lower probabilities and rates)
 * is tried on the smallest failing scenario so far, a candidate that still fails `verdict` is
 * kept and the same kind tried again on it, and passes repeat until none of them helps or the
 * run budget is spent. Candidates the schema refuses are skipped without a run.
 */
export async function shrinkScenario(start: RawScenario, options: ShrinkOptions): Promise<ShrinkResult> {
  const maxRuns = options.maxRuns ?? 40;
  let current = start;
  let runs = 0;
  const kept: string[] = [];
  const tryStep = async (step: (typeof SHRINK_STEPS)[number]): Promise<boolean | 'budget'> => {
    for (const candidate of step(current)) {
      const parsed = scenarioSchema.safeParse(candidate.scenario);
      if (!parsed.success) continue;
      if (runs >= maxRuns) return 'budget';
      runs += 1;
      const stillFails = failsVerdict(await options.run(parsed.data), options.verdict);
      options.onStep?.({ run: runs, change: candidate.change, stillFails });
      if (stillFails) {
        current = candidate.scenario;
        kept.push(candidate.change);
        return true;
      }
    }
    return false;
  };
  for (let progress = true; progress; ) {
    progress = false;
    for (const step of SHRINK_STEPS) {
      for (let outcome = await tryStep(step); outcome !== false; outcome = await tryStep(step)) {
        if (outcome === 'budget') return { scenario: current, runs, kept, exhaustive: false };
        progress = true;
      }
    }
  }
  return { scenario: current, runs, kept, exhaustive: true };
}
