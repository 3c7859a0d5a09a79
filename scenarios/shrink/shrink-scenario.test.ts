import { describe, expect, it } from 'vitest';
import type { Scenario } from '../runner/scenario-schema.ts';
import type { ScenarioResult } from '../runner/verdict.ts';
import { durationMs, type RawScenario } from './shrink-candidates.ts';
import { type ShrinkStep, shrinkScenario } from './shrink-scenario.ts';

const gap = (probability: number) => ({
  target: 'abs.events',
  probability,
  effect: { type: 'sequence-gap' },
});

const failing: RawScenario = {
  name: 'wide',
  seed: 1,
  speed: 20,
  dataset: { organisations: 10 },
  duration: '120s',
  traffic: { postingsPerSecond: 20, readsPerSecond: 4 },
  timeline: [
    {
      at: '10s',
      for: '60s',
      fault: { target: 'abs.rest', effect: { type: 'latency', distribution: { kind: 'fixed', ms: 5 } } },
    },
    { at: '20s', for: '40s', fault: gap(0.2) },
    { at: '30s', for: '20s', fault: { target: 'abs.events', effect: { type: 'duplicate' } } },
  ],
  expect: { convergedWithin: '30s' },
};

/**
 * A stand-in for a sync service without gap fetches: postings are lost whenever a sequence-gap
 * rule drops at least one posting, i.e. its probability × window × rate reaches one message.
 */
function runWithoutGapFetch(scenario: Scenario): Promise<ScenarioResult> {
  const lostMessages = scenario.timeline
    .filter((e) => e.fault?.effect.type === 'sequence-gap')
    .reduce(
      (sum, e) =>
        sum +
        (e.fault?.probability ?? 1) *
          ((e.for ?? scenario.duration) / 1000) *
          scenario.traffic.postingsPerSecond,
      0,
    );
  const lost = Math.floor(lostMessages);
  return Promise.resolve({
    scenario: scenario.name,
    file: 'x.yaml',
    bus: 'memory',
    seed: scenario.seed,
    verdicts: [{ check: 'lost', expected: '≤ 0', actual: String(lost), passed: lost === 0 }],
    passed: lost === 0,
    realDurationMs: 1,
  });
}

describe('shrinking a failing scenario', () => {
  it('keeps only the entry behind the failure and makes it as small as it still fails', async () => {
    const steps: ShrinkStep[] = [];
    const result = await shrinkScenario(failing, {
      run: runWithoutGapFetch,
      verdict: 'lost',
      maxRuns: 200,
      onStep: (step) => steps.push(step),
    });
    expect(result.exhaustive).toBe(true);
    expect(result.scenario.timeline).toHaveLength(1);
    const [entry] = result.scenario.timeline ?? [];
    expect(entry?.fault).toMatchObject({ effect: { type: 'sequence-gap' } });
    // Still fails: at least one posting lost; no halving of window, probability or rate keeps that.
    const probability = entry?.fault?.probability as number;
    const windowS = (durationMs(entry?.for) as number) / 1000;
    const rate = result.scenario.traffic?.postingsPerSecond as number;
    expect(probability * windowS * rate).toBeGreaterThanOrEqual(1);
    expect((probability / 2) * windowS * rate).toBeLessThan(1);
    expect(steps.length).toBe(result.runs);
    expect(steps.filter((s) => s.stillFails).map((s) => s.change)).toEqual(result.kept);
  });

  it('stops at the run budget and says so', async () => {
    const result = await shrinkScenario(failing, { run: runWithoutGapFetch, verdict: 'lost', maxRuns: 3 });
    expect(result.runs).toBe(3);
    expect(result.exhaustive).toBe(false);
  });

  it('changes nothing when no candidate fails the verdict', async () => {
    const result = await shrinkScenario(failing, {
      run: runWithoutGapFetch,
      verdict: 'duplicated',
      maxRuns: 500,
    });
    expect(result.kept).toEqual([]);
    expect(result.scenario).toEqual(failing);
  });
});
