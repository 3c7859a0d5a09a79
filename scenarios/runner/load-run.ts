import type { K6Result } from '../../infra/k6/run-k6.ts';

/**
 * A k6 run the timeline started, placed on the scenario clock (ms since traffic started). A type of
 * its own, so the run's timeline can hold it without depending on the code that starts k6.
 */
export interface LoadRun {
  readonly script: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** k6's per-second buckets, each stamped with scenario ms since traffic started. */
  readonly buckets: ReadonlyArray<K6Result['series'][number] & { readonly t: number }>;
  readonly result: K6Result;
}
