import { setTimeout as sleep } from 'node:timers/promises';
import { scaledClock } from '../../infra/clock.ts';
import type { Logger } from '../../infra/logger.ts';
import { withTimeout } from '../../infra/with-timeout.ts';
import { ABS_CAPACITY_RULE, startSimulator } from '../../simulator/start-simulator.ts';
import { startSyncService } from '../../sync-service/start-sync-service.ts';
import { type CacheComparison, compareAbsCache } from '../checker/compare-abs-cache.ts';
import { ReadProbe } from './read-probe.ts';
import type { ScenarioEnvironment } from './scenario-environment.ts';
import type { Scenario } from './scenario-schema.ts';
import { atMost, type ScenarioResult, type Verdict } from './verdict.ts';

export type RunPhase = 'starting' | 'running' | 'converging' | 'done';

export interface RunProgress {
  readonly phase: RunPhase;
  /** Scenario time since traffic started, ms. */
  readonly elapsedMs: number;
  readonly durationMs: number;
  readonly booked: number;
  readonly sourceBacklog: number;
  readonly applied: number;
  readonly faultsOn: readonly string[];
}

export interface RunOptions {
  readonly environment: ScenarioEnvironment;
  readonly log: Logger;
  readonly onProgress?: (progress: RunProgress) => void;
}

const TICK_MS = 25;
const SYNC_READY_TIMEOUT_MS = 60_000;

/**
 * Plays a scenario: starts the simulator and the sync service on a fresh database and bus, drives
 * postings, reads and faults along the timeline on the scenario clock, then waits for the cache to
 * converge and judges the run.
 */
export async function runScenario(
  scenario: Scenario,
  file: string,
  options: RunOptions,
): Promise<ScenarioResult> {
  const realStart = performance.now();
  const { environment, log } = options;
  const clock = scaledClock(scenario.speed);
  const report = options.onProgress ?? (() => {});
  const databaseUrl = await environment.newDatabase();
  await using bus = environment.newBus();
  await using sim = await startSimulator({ seed: scenario.seed, dataset: scenario.dataset, bus, clock });
  await using sync = await startSyncService({ databaseUrl, bus, absUrl: sim.url, clock, log });
  const progress = (phase: RunPhase, elapsedMs: number, faultsOn: string[] = []) =>
    report({
      phase,
      elapsedMs,
      durationMs: scenario.duration,
      booked: sim.abs.store.postingCount(),
      sourceBacklog: sim.abs.feed.backlog,
      applied: sync.stats.applied,
      faultsOn,
    });
  progress('starting', 0);
  await withTimeout(
    sync.ready,
    SYNC_READY_TIMEOUT_MS,
    `Failed to start the sync service: not ready after ${SYNC_READY_TIMEOUT_MS / 1000} s. Is the ABS answering?`,
  );

  const organisations = [...sim.abs.store.organisations.keys()];
  const probe = new ReadProbe(sync.url);
  const start = clock.now();
  // Fault windows count from the engine's start; the timeline counts from the start of traffic.
  const offset = start - sim.faults.start;
  for (const entry of scenario.timeline) {
    const to = entry.for === undefined ? scenario.duration : entry.at + entry.for;
    sim.faults.add({ ...entry.fault, window: { from: offset + entry.at, to: offset + to } });
  }
  let reads = 0;
  for (let elapsed = 0; elapsed < scenario.duration; elapsed = clock.now() - start) {
    const faultsOn = scenario.timeline
      .filter((entry) => elapsed >= entry.at && elapsed < entry.at + (entry.for ?? scenario.duration))
      .map((entry) => `${entry.fault.target} ${entry.fault.effect.type}`);
    const seconds = elapsed / 1000;
    sim.abs.book(Math.floor(scenario.traffic.postingsPerSecond * seconds) - sim.abs.store.postingCount());
    for (; reads < Math.floor(scenario.traffic.readsPerSecond * seconds); reads++) {
      probe.read(organisations[reads % organisations.length] as string, faultsOn.length > 0);
    }
    progress('running', elapsed, faultsOn);
    await sleep(TICK_MS);
  }

  // Traffic is over: how long (scenario time) until the cache holds exactly the source's truth?
  const trafficEnd = clock.now();
  const deadline = trafficEnd + scenario.expect.convergedWithin + 10_000 * scenario.speed;
  let comparison: CacheComparison = await compareAbsCache(sim.abs.store, databaseUrl);
  while ((comparison.lost > 0 || comparison.diverged > 0) && clock.now() < deadline) {
    progress('converging', clock.now() - start);
    await sleep(100);
    comparison = await compareAbsCache(sim.abs.store, databaseUrl);
  }
  const convergedAfter = clock.now() - trafficEnd;
  const converged = comparison.lost === 0 && comparison.diverged === 0;
  await probe.settle();
  progress('done', clock.now() - start);

  const verdicts: Verdict[] = [
    atMost('lost', scenario.expect.lost, comparison.lost, ` of ${comparison.truthPostings}`),
    atMost('duplicated', scenario.expect.duplicated, comparison.duplicated),
    atMost('diverged', scenario.expect.diverged, comparison.diverged),
    atMost(
      'read 5xx',
      scenario.expect.readErrors5xx,
      probe.errors5xx + probe.failedToConnect,
      ` of ${probe.total} (${probe.okDuringFaults}/${probe.duringFaults} OK during faults)`,
    ),
    {
      check: 'converged within',
      expected: `≤ ${scenario.expect.convergedWithin / 1000} s`,
      actual: converged ? `${(convergedAfter / 1000).toFixed(1)} s` : 'never',
      passed: converged && convergedAfter <= scenario.expect.convergedWithin,
    },
  ];
  if (scenario.timeline.length > 0) {
    // A rule whose match never fired leaves the run untested: every timeline rule must have acted.
    const acted = new Set(
      sim.faults.journal.entries
        .filter((e) => e.kind === 'injected' || e.kind === 'action')
        .map((e) => e.ruleId),
    );
    const timelineRules = sim.faults.list().filter((rule) => rule.id !== ABS_CAPACITY_RULE.id);
    const idle = timelineRules.filter((rule) => !acted.has(rule.id) && !isStandingEffect(rule.effect.type));
    verdicts.push({
      check: 'faults injected',
      expected: 'every rule acted',
      actual: `${sim.faults.journal.entries.filter((e) => e.kind === 'injected').length} injections${idle.length ? `; idle: ${idle.map((r) => r.id).join(', ')}` : ''}`,
      passed: idle.length === 0,
    });
  }
  if (scenario.timeline.length > 0 && scenario.traffic.readsPerSecond > 0) {
    verdicts.push({
      check: 'reads served during faults',
      expected: '≥ 1, all 2xx',
      actual: `${probe.okDuringFaults} of ${probe.duringFaults}`,
      passed: probe.duringFaults > 0 && probe.okDuringFaults === probe.duringFaults,
    });
  }
  return {
    scenario: scenario.name,
    file,
    bus: bus.kind,
    seed: scenario.seed,
    verdicts,
    passed: verdicts.every((v) => v.passed),
    realDurationMs: performance.now() - realStart,
  };
}

/** Effects that hold a channel down rather than act on single requests or messages. */
function isStandingEffect(type: string): boolean {
  return type === 'outage' || type === 'maintenance';
}
