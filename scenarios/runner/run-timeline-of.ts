import type { Simulator } from '../../simulator/start-simulator.ts';
import type { RunTimeline } from '../report/run-timeline.ts';
import type { LoadRun } from './load-run.ts';
import type { RunSample } from './run-recorder.ts';
import type { Scenario } from './scenario-schema.ts';

/** Puts a run's recordings on one clock (scenario ms since traffic started) for the report. */
export function runTimeline(input: {
  readonly scenario: Scenario;
  readonly sim: Simulator;
  /** Scenario clock at the start of traffic, and when recording stopped. */
  readonly start: number;
  readonly end: number;
  readonly samples: readonly RunSample[];
  readonly loads: readonly LoadRun[];
}): RunTimeline {
  const { scenario, start } = input;
  const perSecond = new Map<number, number>();
  for (const entry of input.sim.faults.journal.entries) {
    if (entry.kind !== 'injected') continue;
    const second = Math.floor((entry.at - start) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  return {
    speed: scenario.speed,
    durationMs: scenario.duration,
    endMs: input.end - start,
    faultWindows: scenario.timeline.flatMap((entry) =>
      entry.fault
        ? [
            {
              label: `${entry.fault.target} ${entry.fault.effect.type}`,
              fromMs: entry.at,
              toMs: entry.at + (entry.for ?? scenario.duration - entry.at),
            },
          ]
        : [],
    ),
    injections: [...perSecond.entries()].sort(([a], [b]) => a - b),
    samples: input.samples,
    loads: input.loads.map(({ result, ...run }) => ({
      ...run,
      passed: result.passed,
      thresholds: result.thresholds,
      cpu: result.cpu,
    })),
  };
}
