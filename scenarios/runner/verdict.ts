import type { EventBus } from '../../infra/event-bus.ts';
import type { RunTimeline } from '../report/run-timeline.ts';

export interface Verdict {
  readonly check: string;
  readonly expected: string;
  readonly actual: string;
  readonly passed: boolean;
}

export interface ScenarioResult {
  readonly scenario: string;
  readonly file: string;
  readonly bus: EventBus['kind'];
  readonly seed: number;
  readonly verdicts: readonly Verdict[];
  readonly passed: boolean;
  readonly realDurationMs: number;
  /** Set when the run itself broke (not a failed check): the cause, for the report. */
  readonly error?: string;
  /** What the run recorded over time, for the HTML report; absent when the run broke before traffic. */
  readonly timeline?: RunTimeline;
}

export function atMost(check: string, limit: number, actual: number, detail = ''): Verdict {
  return { check, expected: `≤ ${limit}`, actual: `${actual}${detail}`, passed: actual <= limit };
}
