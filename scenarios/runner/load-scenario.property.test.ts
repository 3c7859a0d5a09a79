import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isScenarioFileError, parseScenario } from './load-scenario.ts';

/** Parses, and says how it ended: a scenario, a refusal naming file and line, or anything else (a bug). */
function outcome(text: string): 'scenario' | 'refused' | string {
  try {
    parseScenario(text, 'fuzz.yaml');
    return 'scenario';
  } catch (error) {
    if (isScenarioFileError(error) && error.problems.length > 0 && error.message.startsWith('fuzz.yaml:'))
      return 'refused';
    return `unexpected: ${(error as Error)?.stack ?? String(error)}`;
  }
}

const valid = {
  name: 'fuzzed',
  seed: 1,
  dataset: { organisations: 2 },
  duration: '10s',
  traffic: { postingsPerSecond: 1 },
  timeline: [{ at: '1s', fault: { target: 'abs.rest', effect: { type: 'outage' } } }],
  expect: { convergedWithin: '10s' },
};

describe('the scenario parser never crashes', () => {
  it('any text is a scenario or a refusal that names file, line and field (10 000 cases)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expect(outcome(text)).toMatch(/^(scenario|refused)$/);
      }),
      { numRuns: 10_000, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('a valid scenario with any field replaced by any JSON value is a scenario or a refusal (10 000 cases)', () => {
    const paths = [
      ['name'],
      ['seed'],
      ['speed'],
      ['dataset', 'organisations'],
      ['duration'],
      ['traffic', 'postingsPerSecond'],
      ['timeline', 0, 'at'],
      ['timeline', 0, 'for'],
      ['timeline', 0, 'fault', 'target'],
      ['timeline', 0, 'fault', 'effect'],
      ['timeline', 0, 'fault', 'probability'],
      ['expect', 'convergedWithin'],
      ['sync'],
      ['crmFlavor'],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 4 }), (path, value) => {
        const scenario = structuredClone(valid) as Record<string | number, unknown>;
        let node = scenario as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path.at(-1) as string | number] = value;
        expect(outcome(stringify(scenario))).toMatch(/^(scenario|refused)$/);
      }),
      { numRuns: 10_000, interruptAfterTimeLimit: 30_000 },
    );
  });
});
