import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Clock } from '../../infra/clock.ts';
import { cpuLine } from '../../infra/k6/k6-result-summary.ts';
import { runK6 } from '../../infra/k6/run-k6.ts';
import type { Env } from '../../infra/process/find-executable.ts';
import type { LoadRun } from './load-run.ts';
import type { SystemUnderTest } from './start-system.ts';
import type { Verdict } from './verdict.ts';

export interface LoadActionOptions {
  readonly binary: string;
  readonly script: string;
  /** Real seconds k6 runs: the entry's `for` in scenario time divided by the speed. */
  readonly realSeconds: number;
  readonly rate: number | undefined;
  readonly extraEnv: Readonly<Record<string, string>>;
  readonly system: SystemUnderTest;
  readonly clock: Clock;
  readonly speed: number;
  /** Scenario clock at the start of traffic. */
  readonly start: number;
  readonly env: Env;
}

/**
 * Starts a k6 script against the scenario's system: the sync service, the simulator and the keys
 * to both, the scenario's clock (so webhooks are signed in scenario time), and ABS_OUTAGE=external
 * because the timeline owns the faults. k6's buckets come back on the scenario clock.
 */
export async function runLoadAction(options: LoadActionOptions): Promise<LoadRun> {
  const { system, clock, speed, start } = options;
  await access(options.script).catch(() => {
    throw new Error(
      `Failed to start the load action: ${options.script} does not exist. Give a path from the project root, e.g. load/webhook-storm.k6.ts.`,
    );
  });
  const realAtStart = Date.now();
  const clockAtStart = clock.now();
  const toScenario = (epochMs: number) => clockAtStart - start + (epochMs - realAtStart) * speed;
  const result = await runK6({
    binary: options.binary,
    script: options.script,
    env: options.env,
    echo: false,
    systemIsLocal: true,
    scriptEnv: {
      SYNC_URL: system.sync.url,
      SIM_URL: system.sim.url,
      CONTROL_TOKEN: system.sim.controlToken,
      WEBHOOK_SECRET: system.intake?.secret ?? '',
      RUN_ID: `${basename(options.script, '.k6.ts')}-${clockAtStart.toString(36)}`,
      ABS_OUTAGE: 'external',
      ORGANISATION_IDS: [...system.sim.abs.store.organisations.keys()].join(','),
      CLOCK_SPEED: String(speed),
      CLOCK_AT_START_MS: String(clockAtStart),
      REAL_AT_START_MS: String(realAtStart),
      DURATION: `${Math.max(1, Math.round(options.realSeconds * 1000))}ms`,
      ...(options.rate === undefined ? {} : { RATE: String(options.rate) }),
      ...options.extraEnv,
    },
  });
  return {
    script: options.script,
    fromMs: toScenario(result.startedAt),
    toMs: toScenario(result.endedAt),
    buckets: result.series.map((bucket) => ({ ...bucket, t: toScenario(bucket.at) })),
    result,
  };
}

/** A load run's verdict: k6's thresholds held; the CPU figures say whether k6 or the system was the limit. */
export function loadVerdict(run: LoadRun): Verdict {
  const { result } = run;
  const duration = result.metrics.http_req_duration ?? {};
  const breached = result.thresholds.filter((t) => !t.passed).map((t) => `${t.metric} ${t.expression}`);
  const ran =
    result.thresholds.length > 0
      ? `${result.metrics.http_reqs?.count ?? 0} requests, p95 ${(duration['p(95)'] ?? 0).toFixed(1)} ms, p99 ${(duration['p(99)'] ?? 0).toFixed(1)} ms; ${cpuLine(result)}`
      : `k6 exited ${result.exitCode}: ${result.outputTail.split('\n').slice(-3).join(' ')}`;
  return {
    check: `k6 ${basename(run.script)}`,
    expected: 'thresholds hold',
    actual: breached.length > 0 ? `breached ${breached.join(', ')}; ${ran}` : ran,
    passed: result.passed,
  };
}
