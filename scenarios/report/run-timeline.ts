import type { K6Cpu, K6Threshold } from '../../infra/k6/run-k6.ts';
import type { LoadRun } from '../runner/load-run.ts';
import type { RunSample } from '../runner/run-recorder.ts';

/** A k6 run on the timeline: its window, buckets, thresholds and CPU beside the system's. */
export interface LoadSpan {
  readonly script: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly buckets: LoadRun['buckets'];
  readonly passed: boolean;
  readonly thresholds: readonly K6Threshold[];
  readonly cpu: K6Cpu;
}

/** A fault rule's window from the scenario file, scenario ms since traffic started. */
export interface FaultWindowSpan {
  readonly label: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Everything a run recorded over time, on one clock — scenario ms since traffic started: the fault
 * windows and what the journal shows was injected, the sync service's metrics, the cache against
 * the truth, and each k6 run's buckets. The report draws its charts from this alone.
 */
export interface RunTimeline {
  readonly speed: number;
  /** Scenario ms of traffic. */
  readonly durationMs: number;
  /** Scenario ms when the run stopped recording (after converging). */
  readonly endMs: number;
  readonly faultWindows: readonly FaultWindowSpan[];
  /** Injections journaled per scenario second: `[second, count]`. */
  readonly injections: ReadonlyArray<readonly [number, number]>;
  readonly samples: readonly RunSample[];
  readonly loads: readonly LoadSpan[];
}
