import { setTimeout as sleep } from 'node:timers/promises';
import { scaledClock } from '../../infra/clock.ts';
import type { Logger } from '../../infra/logger.ts';
import { withTimeout } from '../../infra/with-timeout.ts';
import { type CacheComparison, compareAbsCache } from '../checker/compare-abs-cache.ts';
import { compareCrmCache } from '../checker/compare-crm-cache.ts';
import { compareMdmCache } from '../checker/compare-mdm-cache.ts';
import type { SourceComparison } from '../checker/source-comparison.ts';
import { actionsSettled } from './actions-settled.ts';
import { driveCrashes } from './crash/crash-driver.ts';
import { planCrashes } from './crash/crash-plan.ts';
import { type BurstResult, duplicateWebhookBurst } from './duplicate-webhook-burst.ts';
import { judgeRun } from './judge-run.ts';
import { ReadProbe } from './read-probe.ts';
import type { ScenarioEnvironment } from './scenario-environment.ts';
import type { Scenario } from './scenario-schema.ts';
import { sourceTraffic } from './source-traffic.ts';
import { startSystem } from './start-system.ts';
import type { ScenarioResult } from './verdict.ts';

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
 * ABS postings, CRM and MDM changes, DBO reads, faults and actions along the timeline on the
 * scenario clock, then waits for the cache to converge on every source's truth and judges the run.
 */
export async function runScenario(
  scenario: Scenario,
  file: string,
  options: RunOptions,
): Promise<ScenarioResult> {
  const realStart = performance.now();
  const { environment, log } = options;
  const clockOrigin = Date.now();
  const clock = scaledClock(scenario.speed, clockOrigin);
  const report = options.onProgress ?? (() => {});
  const system = await startSystem(scenario, environment, clock, log, clockOrigin);
  try {
    const { sim, sync, databaseUrl } = system;
    const crmTouched = new Set<string>();
    const mdmTouched = new Set<string>();
    const newClientInns = new Set<string>();
    sim.crm.store.onChange((change) => crmTouched.add(`${change.entity}:${change.id}`));
    sim.mdm.store.onChange((details) => mdmTouched.add(details.clientId));
    const progress = (phase: RunProgress['phase'], elapsedMs: number, faultsOn: string[] = []) =>
      report({
        phase,
        elapsedMs,
        durationMs: scenario.duration,
        booked: sim.abs.store.postingCount(),
        sourceBacklog: sim.abs.feed.backlog,
        applied: sync.applied(),
        faultsOn,
      });
    progress('starting', 0);
    await withTimeout(
      sync.whenReady(),
      SYNC_READY_TIMEOUT_MS,
      `Failed to start the sync service: not ready after ${SYNC_READY_TIMEOUT_MS / 1000} s. Is the ABS answering?`,
    );

    const organisations = [...sim.abs.store.organisations.keys()];
    const traffic = sourceTraffic(sim, scenario.seed);
    const probe = new ReadProbe(sync.url);
    const start = clock.now();
    // Fault windows count from the engine's start; the timeline counts from the start of traffic.
    const offset = start - sim.faults.start;
    for (const entry of scenario.timeline) {
      if (!entry.fault) continue;
      const to = entry.for === undefined ? scenario.duration : entry.at + entry.for;
      sim.faults.add({ ...entry.fault, window: { from: offset + entry.at, to: offset + to } });
    }
    const actions = scenario.timeline.filter((entry) => entry.action?.type === 'duplicate-webhooks');
    const crashPlan = planCrashes(scenario);
    const crashes = system.crashable
      ? driveCrashes(system.crashable, crashPlan, clock, start, scenario.speed)
      : undefined;
    const bursts: Promise<BurstResult>[] = [];
    let reads = 0;
    for (let elapsed = 0; elapsed < scenario.duration; elapsed = clock.now() - start) {
      const faultsOn = scenario.timeline
        .filter((e) => e.fault && elapsed >= e.at && elapsed < e.at + (e.for ?? scenario.duration))
        .map((e) => `${e.fault?.target} ${e.fault?.effect.type}`);
      const seconds = elapsed / 1000;
      sim.abs.book(Math.floor(scenario.traffic.postingsPerSecond * seconds) - sim.abs.store.postingCount());
      traffic.changeCrm(Math.floor(scenario.traffic.crmChangesPerSecond * seconds) - traffic.crmChanges);
      traffic.changeMdm(Math.floor(scenario.traffic.mdmChangesPerSecond * seconds) - traffic.mdmChanges);
      for (; reads < Math.floor(scenario.traffic.readsPerSecond * seconds); reads++) {
        probe.read(organisations[reads % organisations.length] as string, faultsOn.length > 0);
      }
      while (actions[0] && actions[0].at <= elapsed) {
        const entry = actions.shift();
        if (entry?.action?.type === 'duplicate-webhooks' && system.intake) {
          const burst = duplicateWebhookBurst(
            sim,
            system.intake,
            entry.action.deliveries,
            clock,
            bursts.length + 1,
          );
          bursts.push(
            burst.then((b) => {
              newClientInns.add(b.inn);
              return b;
            }),
          );
        }
      }
      progress('running', elapsed, faultsOn);
      await sleep(TICK_MS);
    }
    const burstResults = await Promise.all(bursts);
    // Kills that waited for a slow restart may fall after the traffic (see crash-driver.ts).
    let crashesDone = crashes === undefined;
    void crashes?.done.finally(() => {
      crashesDone = true;
    });
    while (!crashesDone) {
      progress('converging', clock.now() - start);
      await sleep(100);
    }
    // The service came back for good only if its last instance gets ready again.
    const backAtEnd = await withTimeout(sync.whenReady(), SYNC_READY_TIMEOUT_MS, 'not ready').then(
      () => true,
      () => false,
    );

    // Traffic is over and the last instance is up: how long (scenario time) until the cache holds
    // exactly every source's truth?
    const trafficEnd = clock.now();
    const deadline = trafficEnd + scenario.expect.convergedWithin + 10_000 * scenario.speed;
    const compare = async () =>
      Promise.all([
        compareAbsCache(sim.abs.store, databaseUrl),
        compareCrmCache(sim.crm.store, { records: crmTouched, newClientInns }, databaseUrl),
        compareMdmCache(sim.mdm.store, mdmTouched, databaseUrl),
      ]);
    // Converged: every source's truth in the cache, and every action the timeline set off finished.
    const settled = (c: [CacheComparison, SourceComparison, SourceComparison]) =>
      c.every((x) => x.lost === 0 && x.diverged === 0 && x.duplicated === 0) && actionsSettled(sim);
    let comparison = await compare();
    while (!settled(comparison) && clock.now() < deadline) {
      progress('converging', clock.now() - start);
      await sleep(100);
      comparison = await compare();
    }
    const convergedAfterMs = clock.now() - trafficEnd;
    await probe.settle();
    progress('done', clock.now() - start);
    const [abs, crm, mdm] = comparison;
    const verdicts = judgeRun(scenario, system, {
      abs,
      crm,
      mdm,
      converged: settled(comparison),
      convergedAfterMs,
      probe,
      bursts: burstResults,
      crashes: crashes && { planned: crashPlan.length, records: crashes.records, backAtEnd },
    });
    return {
      scenario: scenario.name,
      file,
      bus: system.bus.kind,
      seed: scenario.seed,
      verdicts,
      passed: verdicts.every((v) => v.passed),
      realDurationMs: performance.now() - realStart,
    };
  } finally {
    await system.stop();
  }
}
