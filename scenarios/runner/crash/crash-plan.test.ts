import { describe, expect, it } from 'vitest';
import { parseScenario } from '../load-scenario.ts';
import { planCrashes } from './crash-plan.ts';

const scenario = (seed: number, timeline: string) =>
  parseScenario(
    `name: crashes
seed: ${seed}
dataset: { organisations: 2 }
duration: 60s
traffic: { postingsPerSecond: 1 }
timeline:
${timeline}
expect: { convergedWithin: 10s }
`,
    'crashes.yaml',
  );

const fiveIn40s = '  - at: 10s\n    for: 40s\n    action: { type: crash-sync, times: 5, restartAfter: 2s }\n';

describe('crash plan', () => {
  it('puts one crash in each equal slot of the window, at a point drawn from the seed', () => {
    const plan = planCrashes(scenario(7, fiveIn40s));
    expect(plan).toHaveLength(5);
    plan.forEach((crash, slot) => {
      expect(crash.at).toBeGreaterThanOrEqual(10_000 + slot * 8_000);
      expect(crash.at).toBeLessThanOrEqual(10_000 + (slot + 1) * 8_000);
      expect(crash.restartAfter).toBe(2_000);
    });
  });

  it('replays the same points for the same seed and moves them for another', () => {
    expect(planCrashes(scenario(7, fiveIn40s))).toEqual(planCrashes(scenario(7, fiveIn40s)));
    expect(planCrashes(scenario(8, fiveIn40s))).not.toEqual(planCrashes(scenario(7, fiveIn40s)));
  });

  it('spreads crashes without `for` to the end of the run and merges entries in time order', () => {
    const plan = planCrashes(
      scenario(
        1,
        `${'  - at: 40s\n    action: { type: crash-sync, times: 2 }\n'}${'  - at: 5s\n    for: 5s\n    action: { type: crash-sync }\n'}`,
      ),
    );
    expect(plan.map((c) => c.at)).toEqual([...plan.map((c) => c.at)].sort((a, b) => a - b));
    expect(plan[0]?.at).toBeLessThanOrEqual(10_000);
    expect(plan.slice(1).every((c) => c.at >= 40_000 && c.at <= 60_000)).toBe(true);
  });

  it('plans nothing for a timeline without crash-sync', () => {
    expect(
      planCrashes(scenario(1, '  - at: 5s\n    fault: { target: abs.rest, effect: { type: outage } }\n')),
    ).toEqual([]);
  });
});
