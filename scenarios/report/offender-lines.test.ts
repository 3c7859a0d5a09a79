import { describe, expect, it } from 'vitest';
import type { OffenderExplanation } from '../runner/offender-explanation.ts';
import type { ScenarioResult } from '../runner/verdict.ts';
import { LINES_PER_OFFENDER, OFFENDERS_SHOWN } from './offender-lines.ts';
import { verdictTable } from './verdict-table.ts';

const lostAccount: OffenderExplanation = {
  verdict: 'lost',
  entity: 'abs account acc-1',
  source: { organisation: 'org-1', balanceMinor: 900, lastSequence: 12 },
  cache: { balanceMinor: 700, lastSequence: 10, postings: 10, missing: 2, missingSequences: [11, 12] },
  history: Array.from({ length: 8 }, (_, i) => ({
    topic: 'abs.postings',
    position: i + 1,
    at: 1_000 * (i + 1),
    faults: i === 1 ? ['sequence-gap'] : [],
  })),
  faults: [
    {
      seq: 4,
      at: 31_000,
      ruleId: 'rule-2',
      target: 'abs.events',
      effect: 'sequence-gap',
      kind: 'injected',
      detail: { key: 'org-1' },
    },
  ],
};

const run = (passed: boolean, offenders?: OffenderExplanation[]): ScenarioResult => ({
  scenario: 'abs-outage',
  file: 'scenarios/abs-outage.yaml',
  bus: 'memory',
  seed: 1,
  passed,
  realDurationMs: 1,
  verdicts: [{ check: 'lost', expected: '≤ 0', actual: passed ? '0' : '2', passed }],
  ...(offenders ? { offenders } : {}),
});

describe('offenders under the verdict table', () => {
  it('prints each offender on one line with both sides, and indented below its messages a fault hit and its latest ones, then its journal entries', () => {
    const lines = verdictTable([run(false, [lostAccount])]).split('\n');
    const at = lines.indexOf('offenders  abs-outage  memory  (1 of 1)');
    expect(at).toBeGreaterThan(2);
    expect(lines.slice(at + 1, at + 2 + LINES_PER_OFFENDER + 2)).toEqual([
      '  lost  abs account acc-1  source: organisation=org-1 balanceMinor=900 lastSequence=12  cache: balanceMinor=700 lastSequence=10 postings=10 missing=2 missingSequences=[11,12]',
      '      2.0 s  abs.postings #2  hit: sequence-gap',
      '      5.0 s  abs.postings #5',
      '      6.0 s  abs.postings #6',
      '      7.0 s  abs.postings #7',
      '      8.0 s  abs.postings #8',
      '      … 3 more messages',
      '      31.0 s  fault rule-2 sequence-gap (injected) on abs.events',
    ]);
  });

  it('shows the first offenders of a run and says how many more the report has', () => {
    const many = Array.from({ length: OFFENDERS_SHOWN + 3 }, (_, i) => ({
      ...lostAccount,
      entity: `abs account acc-${i}`,
      history: [],
      faults: [],
    }));
    const table = verdictTable([run(false, many)]);
    expect(table).toContain(`(${OFFENDERS_SHOWN} of ${OFFENDERS_SHOWN + 3})`);
    expect(table).toContain('abs account acc-19  source');
    expect(table).not.toContain('abs account acc-20  source');
    expect(table).toContain('  … 3 more in the report');
    expect(table).toContain('      no message or fault names it');
  });

  it('adds nothing for a passing run', () => {
    const table = verdictTable([run(true)]);
    expect(table).not.toContain('offenders');
    expect(table.split('\n').at(-1)).toBe('scenarios: 1 passed, 0 failed');
  });
});
