import { ABS_CAPACITY_RULE } from '../../simulator/start-simulator.ts';
import type { CacheComparison } from '../checker/compare-abs-cache.ts';
import type { RepairComparison } from '../checker/compare-repairs.ts';
import type { SourceComparison } from '../checker/source-comparison.ts';
import type { CrashRecord } from './crash/crash-driver.ts';
import type { BurstResult } from './duplicate-webhook-burst.ts';
import type { ReadProbe } from './read-probe.ts';
import type { Scenario } from './scenario-schema.ts';
import type { SystemUnderTest } from './start-system.ts';
import { timelineRules } from './timeline-rules.ts';
import { atMost, type Verdict } from './verdict.ts';

export interface RunEvidence {
  readonly abs: CacheComparison;
  readonly crm: SourceComparison;
  readonly mdm: SourceComparison;
  readonly converged: boolean;
  readonly convergedAfterMs: number;
  readonly probe: ReadProbe;
  readonly bursts: readonly BurstResult[];
  /** Closing postings past the business horizon in the cache, when the scenario bounds them. */
  readonly pastHorizon?: number | undefined;
  /** What the reconciliation wrote, when the scenario expects it to repair exactly the drift. */
  readonly repairs?: RepairComparison;
  /** The timeline's sync-service crashes: how many were planned, what each did, whether the last instance got ready. */
  readonly crashes?:
    | { readonly planned: number; readonly records: readonly CrashRecord[]; readonly backAtEnd: boolean }
    | undefined;
}

const lostDetail = (e: RunEvidence) =>
  ` (ABS ${e.abs.lost} of ${e.abs.truthPostings} postings, CRM ${e.crm.lost} of ${e.crm.checked} records, MDM ${e.mdm.lost} of ${e.mdm.checked} clients)`;

/** The verdicts of a run: nothing lost, duplicated or diverged; converged in time; the scenario's own bounds. */
export function judgeRun(scenario: Scenario, system: SystemUnderTest, evidence: RunEvidence): Verdict[] {
  const { expect } = scenario;
  const { abs, crm, mdm, probe } = evidence;
  const verdicts: Verdict[] = [
    atMost('lost', expect.lost, abs.lost + crm.lost + mdm.lost, lostDetail(evidence)),
    atMost('duplicated', expect.duplicated, abs.duplicated + crm.duplicated + mdm.duplicated),
    atMost('diverged', expect.diverged, abs.diverged + crm.diverged + mdm.diverged),
    // A bound on read errors means something only if the run read: no reads, no such claim.
    ...(probe.total > 0
      ? [
          atMost(
            'read 5xx',
            expect.readErrors5xx,
            probe.errors5xx + probe.failedToConnect,
            ` of ${probe.total} (${probe.okDuringFaults}/${probe.duringFaults} OK during faults)`,
          ),
        ]
      : []),
    {
      check: 'converged within',
      expected: `≤ ${expect.convergedWithin / 1000} s`,
      actual: evidence.converged ? `${(evidence.convergedAfterMs / 1000).toFixed(1)} s` : 'never',
      passed: evidence.converged && evidence.convergedAfterMs <= expect.convergedWithin,
    },
  ];
  const { sim } = system;
  if (expect.maxAbsConcurrency !== undefined)
    verdicts.push(
      atMost(
        'max concurrent ABS calls',
        expect.maxAbsConcurrency,
        sim.abs.concurrency.peak,
        ` (${sim.abs.concurrency.total} calls)`,
      ),
    );
  if (expect.turnoversPastHorizon !== undefined)
    verdicts.push(
      atMost('turnovers past the horizon', expect.turnoversPastHorizon, evidence.pastHorizon ?? 0),
    );
  if (expect.absCollapses !== undefined) {
    // The requests past the capacity model's threshold are the collapse; counted exactly, journaled or not.
    const overloaded = sim.faults.journal.countsOf(ABS_CAPACITY_RULE.id).overloaded ?? 0;
    verdicts.push(atMost('ABS capacity collapses', expect.absCollapses, overloaded));
  }
  if (evidence.bursts.length > 0) {
    const deliveries = evidence.bursts.reduce((sum, b) => sum + b.deliveries, 0);
    const failed = evidence.bursts.reduce((sum, b) => sum + b.failed, 0);
    verdicts.push(
      atMost(
        'webhook deliveries refused',
        0,
        failed,
        ` of ${deliveries} in ${evidence.bursts.length} bursts`,
      ),
    );
  }
  const { repairs } = evidence;
  if (repairs) {
    verdicts.push({
      check: 'repaired exactly the drift',
      expected: 'every grey edit, no other row',
      actual: `${repairs.repaired} repaired + ${repairs.healedByPostings} healed by postings of ${repairs.greyEdited} grey-edited, ${repairs.missed} missed, ${repairs.others} other rows (${repairs.runs} runs, ${repairs.pullsQueued} pulls queued)`,
      passed: repairs.repaired > 0 && repairs.missed === 0 && repairs.others === 0,
    });
  }
  if (evidence.crashes) verdicts.push(crashVerdict(expect.crashes, evidence.crashes));
  const rules = timelineRules(scenario, sim.faults.journal);
  if (rules.length > 0) {
    // A rule whose match never fired leaves the run untested: every timeline rule must have acted.
    const idle = rules.filter((rule) => rule.injected === 0 && !isStandingEffect(rule.effect));
    verdicts.push({
      check: 'faults injected',
      expected: 'every rule acted',
      actual: `${rules.map((r) => `${r.label}: ${r.injected}`).join('; ')}${idle.length ? `; idle: ${idle.map((r) => r.label).join(', ')}` : ''}`,
      passed: idle.length === 0,
    });
  }
  if (rules.length > 0 && scenario.traffic.readsPerSecond > 0) {
    verdicts.push({
      check: 'reads served during faults',
      expected: '≥ 1, all 2xx',
      actual: `${probe.okDuringFaults} of ${probe.duringFaults}`,
      passed: probe.duringFaults > 0 && probe.okDuringFaults === probe.duringFaults,
    });
  }
  return verdicts;
}

/** Every planned crash performed (or as many as `expect.crashes` says), each followed by a new instance, the last one ready. */
function crashVerdict(expected: number | undefined, crashes: NonNullable<RunEvidence['crashes']>): Verdict {
  const want = expected ?? crashes.planned;
  const back = crashes.records.filter((r) => r.backAfterMs !== undefined);
  const failed = crashes.records.find((r) => r.error);
  const slowest = Math.max(0, ...back.map((r) => r.backAfterMs ?? 0));
  const late = Math.max(0, ...crashes.records.map((r) => r.lateBy));
  const caught = crashes.records.filter((r) => r.transactionsInFlight > 0).length;
  return {
    check: 'sync crashes',
    expected: `${want} killed, each back`,
    actual:
      `${crashes.records.length} killed (${caught} mid-transaction, ≤ ${(late / 1000).toFixed(1)} s late), ${back.length} back within ${(slowest / 1000).toFixed(1)} s` +
      `${crashes.backAtEnd ? ', ready at the end' : ', not ready at the end'}${failed ? `; ${failed.error}` : ''}`,
    passed: crashes.records.length === want && back.length === want && crashes.backAtEnd,
  };
}

/** Effects that hold a channel down rather than act on single requests or messages. */
function isStandingEffect(type: string): boolean {
  return type === 'outage' || type === 'maintenance';
}
