import { describe, expect, it } from 'vitest';
import { createLogger } from '../infra/logger.ts';
import { runScenario } from '../scenarios/runner/run-scenario.ts';
import type { RawScenario } from '../scenarios/shrink/shrink-candidates.ts';
import { type ShrinkStep, shrinkScenario } from '../scenarios/shrink/shrink-scenario.ts';
import { PROTECTIONS } from './scenario-protections.ts';
import { scenarioTestEnvironment } from './scenario-test-environment.ts';

const environment = scenarioTestEnvironment('memory', 'shrink');

const gapEntry = {
  at: '2s',
  for: '10s',
  fault: {
    target: 'abs.events',
    match: { topic: 'abs.postings' },
    probability: 0.3,
    effect: { type: 'sequence-gap' },
  },
};

const failing: RawScenario = {
  name: 'shrink-me',
  seed: 31,
  speed: 20,
  dataset: { organisations: 4 },
  duration: '20s',
  traffic: { postingsPerSecond: 10, mdmChangesPerSecond: 2 },
  timeline: [
    {
      at: '1s',
      for: '15s',
      fault: { target: 'abs.rest', effect: { type: 'latency', distribution: { kind: 'fixed', ms: 20 } } },
    },
    gapEntry,
    { at: '3s', for: '10s', fault: { target: 'mdm.mq', probability: 0.3, effect: { type: 'duplicate' } } },
  ],
  expect: { convergedWithin: '10s' },
};

const withoutGapFetch = PROTECTIONS.find((p) => p.protection === 'sequencer gap fetch');

describe('shrinking a real failing run', () => {
  it('finds the one fault that loses postings when the sync service cannot close gaps', {
    timeout: 240_000,
  }, async () => {
    const steps: ShrinkStep[] = [];
    const result = await shrinkScenario(failing, {
      verdict: 'lost',
      maxRuns: 6,
      onStep: (step) => {
        steps.push(step);
        process.stderr.write(
          `shrink [${step.run}] ${step.change}: ${step.stillFails ? 'kept' : 'dropped'}\n`,
        );
      },
      run: (scenario) =>
        runScenario(scenario, 'shrink-me.yaml', {
          environment,
          log: createLogger('shrink', 'silent'),
          customizeSync: withoutGapFetch?.customizeSync,
        }),
    });
    expect(result.scenario.timeline).toEqual([expect.objectContaining({ fault: gapEntry.fault })]);
    expect(steps.filter((s) => s.stillFails).length).toBeGreaterThanOrEqual(2);
    expect(result.runs).toBeLessThanOrEqual(6);
  });
});
