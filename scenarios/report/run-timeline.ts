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
  /** Outages and maintenance windows are shaded apart from the faults on single requests or messages. */
  readonly kind?: 'outage' | 'maintenance' | 'fault';
}

/** What one timeline rule injected per scenario second: `[second, count]`. */
export interface RuleInjections {
  readonly label: string;
  readonly perSecond: ReadonlyArray<readonly [number, number]>;
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
  /** Injections of the timeline's own rules per scenario second, one series per rule. */
  readonly injections: readonly RuleInjections[];
  readonly samples: readonly RunSample[];
  readonly loads: readonly LoadSpan[];
}
