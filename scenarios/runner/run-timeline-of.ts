import type { Simulator } from '../../simulator/start-simulator.ts';
import type { RunTimeline } from '../report/run-timeline.ts';
import type { LoadRun } from './load-run.ts';
import type { RunSample } from './run-recorder.ts';
import type { Scenario } from './scenario-schema.ts';
import { timelineRules } from './timeline-rules.ts';

const windowKind = (effect: string) =>
  effect === 'outage' || effect === 'maintenance' ? effect : ('fault' as const);

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
  // Only the timeline's rules, named by their entries: a standing rule is not the scenario's story.
  const rules = timelineRules(scenario, input.sim.faults.journal);
  const perRule = new Map(rules.map((rule) => [rule.id, new Map<number, number>()]));
  for (const entry of input.sim.faults.journal.entries) {
    const perSecond = perRule.get(entry.ruleId);
    if (entry.kind !== 'injected' || !perSecond) continue;
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
              kind: windowKind(entry.fault.effect.type),
              fromMs: entry.at,
              toMs: entry.at + (entry.for ?? scenario.duration - entry.at),
            },
          ]
        : [],
    ),
    injections: rules.map((rule) => ({
      label: rule.label,
      perSecond: [...(perRule.get(rule.id) ?? new Map()).entries()].sort(([a], [b]) => a - b),
    })),
    samples: input.samples,
    loads: input.loads.map(({ result, ...run }) => ({
      ...run,
      passed: result.passed,
      thresholds: result.thresholds,
      cpu: result.cpu,
    })),
  };
}
