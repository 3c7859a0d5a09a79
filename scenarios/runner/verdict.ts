import type { EventBus } from '../../infra/event-bus.ts';
import type { RunTimeline } from '../report/run-timeline.ts';
import type { OffenderExplanation } from './offender-explanation.ts';

/** What the sources emitted in a run, as one digest and its counts: equal digests, the same story. */
export interface HistorySummary {
  /** SHA-256, hex, over what the systems in `covers` emitted. */
  readonly digest: string;
  /** The systems the digest covers: those only the scenario drives (see history-summary.ts). */
  readonly covers: readonly string[];
  readonly messages: number;
  readonly faults: number;
  readonly actions: number;
}

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
  /** The sources' canonical history (see simulator/history/source-history.ts); absent when the run broke before traffic. */
  readonly history?: HistorySummary;
  /** What the run recorded over time, for the HTML report; absent when the run broke before traffic. */
  readonly timeline?: RunTimeline;
  /** The first entities behind each failed lost/duplicated/diverged verdict; absent when none failed. */
  readonly offenders?: readonly OffenderExplanation[];
}

export function atMost(check: string, limit: number, actual: number, detail = ''): Verdict {
  return { check, expected: `≤ ${limit}`, actual: `${actual}${detail}`, passed: actual <= limit };
}
