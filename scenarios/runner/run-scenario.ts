import { setTimeout as sleep } from 'node:timers/promises';
import { heldClock, scaledClock } from '../../infra/clock.ts';
import type { Logger } from '../../infra/logger.ts';
import type { Env } from '../../infra/process/find-executable.ts';
import { withTimeout } from '../../infra/with-timeout.ts';
import type { SyncServiceOptions } from '../../sync-service/start-sync-service.ts';
import { compareAbsCache } from '../checker/compare-abs-cache.ts';
import { compareCrmCache } from '../checker/compare-crm-cache.ts';
import { compareMdmCache } from '../checker/compare-mdm-cache.ts';
import { compareRepairs } from '../checker/compare-repairs.ts';
import { countPastHorizon } from '../checker/count-past-horizon.ts';
import { actionsSettled } from './actions-settled.ts';
import { driveCrashes } from './crash/crash-driver.ts';
import { planCrashes } from './crash/crash-plan.ts';
import { explainOffenders } from './explain-offenders.ts';
import { historySummary } from './history-summary.ts';
import { judgeOutbound } from './judge-outbound.ts';
import { judgeRun } from './judge-run.ts';
import { loadVerdict } from './load-action.ts';
import { outboundRun } from './outbound-run.ts';
import { ReadProbe } from './read-probe.ts';
import { RunRecorder } from './run-recorder.ts';
import { runTimeline } from './run-timeline-of.ts';
import type { ScenarioEnvironment } from './scenario-environment.ts';
import type { Scenario } from './scenario-schema.ts';
import { scheduledSources } from './scheduled-sources.ts';
import { sourceTraffic } from './source-traffic.ts';
import { startSystem } from './start-system.ts';
import { TimelineActions } from './timeline-actions.ts';
import { timelineRuleId } from './timeline-rules.ts';
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
  /** The k6 binary for `load` actions (K6_BIN or a cached build); asked once, before the run starts. */
  readonly k6Binary?: () => Promise<string>;
  /** The environment k6 runs in. */
  readonly env?: Env;
  /**
   * Changes the options of the sync service under test (in-process runs): how a test takes one
   * protection away, through a dependency it passes, to prove the scenario would fail without it.
   */
  readonly customizeSync?: (options: SyncServiceOptions) => SyncServiceOptions;
}

const TICK_MS = 25;
const SYNC_READY_TIMEOUT_MS = 60_000;
/**
 * Real ms the runner keeps comparing after `convergedWithin` has passed, so a run that misses the
 * bound still says by how much (or that it never converged).
 */
const CONVERGENCE_GRACE_MS = 10_000;

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
  // The sources' clock: held to the traffic the schedule has emitted (see traffic-schedule.ts).
  const sourceClock = heldClock(clock);
  const report = options.onProgress ?? (() => {});
  const loadEntries = scenario.timeline.filter((entry) => entry.action?.type === 'load');
  // Asked before anything starts: a missing k6 fails the run with how to get one, never skips it.
  const k6 =
    loadEntries.length === 0
      ? undefined
      : await (
          options.k6Binary ??
          (() => Promise.reject(new Error('Failed to start k6: no k6 launcher given to the runner.')))
        )();
  const system = await startSystem(
    scenario,
    environment,
    { clock, clockOrigin, sourceClock },
    log,
    options.customizeSync,
  );
  let stopOutbound = async () => {};
  let recorder: RunRecorder | undefined;
  try {
    const { sim, sync, databaseUrl } = system;
    const crmTouched = new Set<string>();
    const mdmTouched = new Set<string>();
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
    sourceClock.holdAt(start);
    sim.faults.history.startAt(start);
    // Fault windows count from the engine's start; the timeline counts from the start of traffic.
    const offset = start - sim.faults.start;
    for (const [index, entry] of scenario.timeline.entries()) {
      if (!entry.fault) continue;
      const to = entry.for === undefined ? scenario.duration : entry.at + entry.for;
      const id = entry.fault.id ?? timelineRuleId(index);
      sim.faults.add({ ...entry.fault, id, window: { from: offset + entry.at, to: offset + to } });
    }
    const crashPlan = planCrashes(scenario);
    const crashes = system.crashable
      ? driveCrashes(system.crashable, crashPlan, clock, start, scenario.speed)
      : undefined;
    const outbound = outboundRun(scenario, system, clock);
    stopOutbound = () => outbound.stop();
    const env = options.env ?? {};
    const actions = new TimelineActions({ scenario, system, outbound, clock, start, k6, env });
    const sources = scheduledSources({
      scenario,
      sim,
      sourceClock,
      start,
      traffic,
      startAction: (entry) => actions.start(entry),
    });
    recorder = new RunRecorder({ syncUrl: sync.url, sim, clock, start, databaseUrl });
    await recorder.begin();
    let reads = 0;
    for (let elapsed = 0; elapsed < scenario.duration; elapsed = clock.now() - start) {
      const faultsOn = scenario.timeline
        .filter((e) => e.fault && elapsed >= e.at && elapsed < e.at + (e.for ?? scenario.duration))
        .map((e) => `${e.fault?.target} ${e.fault?.effect.type}`);
      const seconds = elapsed / 1000;
      sources.emitDue(elapsed);
      await outbound.tick(seconds);
      for (; reads < Math.floor(scenario.traffic.readsPerSecond * seconds); reads++) {
        probe.read(
          organisations[reads % organisations.length] as string,
          faultsOn.length > 0 ? 'fault' : 'calm',
        );
      }
      progress('running', elapsed, faultsOn);
      await sleep(TICK_MS);
    }
    sources.end();
    const burstResults = await Promise.all(actions.bursts);
    const loadRuns = await Promise.all(actions.loads);
    // Kills that waited for a slow restart may fall after the traffic (see crash-driver.ts).
    if (crashes) {
      const ticking = setInterval(() => progress('converging', clock.now() - start), 100);
      await crashes.done.finally(() => clearInterval(ticking));
    }
    // The service came back for good only if its last instance gets ready again.
    const backAtEnd = await withTimeout(sync.whenReady(), SYNC_READY_TIMEOUT_MS, 'not ready').then(
      () => true,
      () => false,
    );

    // Traffic is over and the last instance is up: how long (scenario time) until the cache holds
    // exactly every source's truth?
    const trafficEnd = clock.now();
    const deadline = trafficEnd + scenario.expect.convergedWithin + CONVERGENCE_GRACE_MS * scenario.speed;
    const compare = async () =>
      Promise.all([
        compareAbsCache(sim.abs.store, databaseUrl),
        compareCrmCache(
          sim.crm.store,
          { records: crmTouched, newClientInns: actions.newClientInns },
          databaseUrl,
        ),
        compareMdmCache(sim.mdm.store, mdmTouched, databaseUrl),
        outbound.compare(),
      ] as const);
    // Converged: every source's truth in the cache, every bank write in the CRM, and every action
    // the timeline set off finished.
    const settled = ([abs, crm, mdm, writes]: Awaited<ReturnType<typeof compare>>) =>
      [abs, crm, mdm].every((x) => x.lost === 0 && x.diverged === 0 && x.duplicated === 0) &&
      outbound.settled(writes) &&
      actionsSettled(sim);
    let comparison = await compare();
    while (!settled(comparison) && clock.now() < deadline) {
      progress('converging', clock.now() - start);
      await sleep(100);
      comparison = await compare();
    }
    const convergedAfterMs = clock.now() - trafficEnd;
    await probe.settle();
    await recorder.end();
    progress('done', clock.now() - start);
    const [abs, crm, mdm, writes] = comparison;
    const outboundEvidence = await outbound.evidence(writes, recorder.samples);
    const repairs = scenario.expect.repairedExactly
      ? await compareRepairs(sim.abs.store, databaseUrl)
      : undefined;
    const pastHorizon =
      scenario.expect.turnoversPastHorizon === undefined
        ? undefined
        : await countPastHorizon(databaseUrl, clock.now());
    const verdicts = judgeRun(scenario, system, {
      repairs,
      pastHorizon,
      abs,
      crm,
      mdm,
      converged: settled(comparison),
      convergedAfterMs,
      probe,
      bursts: burstResults,
      crashes: crashes && { planned: crashPlan.length, records: crashes.records, backAtEnd },
    }).concat(judgeOutbound(scenario, outboundEvidence));
    verdicts.push(...loadRuns.map(loadVerdict));
    const offenders = explainOffenders({
      verdicts,
      offenders: [abs, crm, mdm].flatMap((c) => c.offenders),
      history: sim.faults.history,
      journal: sim.faults.journal.entries,
      start,
    });
    return {
      scenario: scenario.name,
      file,
      bus: system.bus.kind,
      seed: scenario.seed,
      verdicts,
      passed: verdicts.every((v) => v.passed),
      realDurationMs: performance.now() - realStart,
      history: historySummary(scenario, sim.faults.history),
      timeline: runTimeline({
        scenario,
        sim,
        start,
        end: clock.now(),
        samples: recorder.samples,
        loads: loadRuns,
      }),
      ...(offenders.length > 0 ? { offenders } : {}),
    };
  } finally {
    await stopOutbound();
    await recorder?.close();
    await system.stop();
  }
}
