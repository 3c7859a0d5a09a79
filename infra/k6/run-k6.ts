import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../process/find-executable.ts';
import { collectOutputTail } from '../process/output-tail.ts';
import { type K6Bucket, k6Series } from './k6-series.ts';
import { reapedChildrenCpuMs, systemCpuMs } from './process-cpu.ts';

/** k6's exit code when a threshold was breached (`ThresholdsHaveFailed`). */
export const K6_THRESHOLDS_FAILED = 99;

export interface K6RunOptions {
  readonly binary: string;
  readonly script: string;
  /** Passed to the script as `__ENV` (base URLs, secrets, durations). */
  readonly scriptEnv: Readonly<Record<string, string>>;
  readonly env: Env;
  /** Print k6's own output (progress and end-of-test summary) as it comes; else keep its tail. */
  readonly echo: boolean;
  /** Whether the system under test runs in this process tree, so its CPU can be measured beside k6's. */
  readonly systemIsLocal: boolean;
}

/** A threshold and whether it held, from k6's summary. */
export interface K6Threshold {
  readonly metric: string;
  readonly expression: string;
  readonly passed: boolean;
}

export interface K6Cpu {
  readonly k6Ms: number;
  /** Undefined when the system under test runs elsewhere (`--target`). */
  readonly systemMs: number | undefined;
  /** k6 used more than half as much CPU as the system: the figures describe the load generator too. */
  readonly clientBound: boolean | undefined;
}

export interface K6Result {
  readonly script: string;
  readonly exitCode: number | null;
  /** True when k6 ran to its end and every threshold held. */
  readonly passed: boolean;
  readonly thresholds: readonly K6Threshold[];
  /** k6's end-of-test figures by metric (`http_reqs.rate`, `http_req_duration.p(99)`, `checks.rate`...). */
  readonly metrics: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly series: readonly K6Bucket[];
  readonly startedAt: number;
  readonly endedAt: number;
  readonly cpu: K6Cpu;
  readonly outputTail: string;
}

interface SummaryExport {
  readonly metrics: Record<string, Record<string, number | Record<string, boolean>>>;
}

function readSummary(summary: SummaryExport): Pick<K6Result, 'thresholds' | 'metrics'> {
  const thresholds: K6Threshold[] = [];
  const metrics: Record<string, Record<string, number>> = {};
  for (const [metric, values] of Object.entries(summary.metrics)) {
    const figures: Record<string, number> = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'number') figures[key] = value;
      // The legacy summary marks each threshold with whether it was breached (true) or held (false).
      else if (key === 'thresholds')
        for (const [expression, breached] of Object.entries(value))
          thresholds.push({ metric, expression, passed: !breached });
    }
    metrics[metric] = figures;
  }
  return { thresholds, metrics };
}

/**
 * Runs one k6 script to its end: k6's JSON output becomes per-second buckets for the report, its
 * summary export the thresholds and end figures, and /proc the CPU time of k6 beside the system's.
 */
export async function runK6(options: K6RunOptions): Promise<K6Result> {
  const dir = await mkdtemp(join(tmpdir(), 'corebridge-k6-'));
  try {
    const out = join(dir, 'points.json');
    const summaryFile = join(dir, 'summary.json');
    const args = [
      'run',
      '--out',
      `json=${out}`,
      '--summary-export',
      summaryFile,
      '--summary-trend-stats',
      'avg,min,med,max,p(90),p(95),p(99)',
      ...(options.echo ? [] : ['--quiet', '--no-color']),
      options.script,
    ];
    const k6CpuBefore = reapedChildrenCpuMs();
    const startedAt = Date.now();
    const child = spawn(options.binary, args, {
      env: { ...options.env, ...options.scriptEnv, K6_NO_USAGE_REPORT: 'true' },
      stdio: ['ignore', options.echo ? 'inherit' : 'pipe', options.echo ? 'inherit' : 'pipe'],
    });
    const systemCpuBefore = options.systemIsLocal ? systemCpuMs(new Set([child.pid ?? -1])) : undefined;
    const tail = collectOutputTail([child.stdout, child.stderr]);
    let systemCpuAfter: number | undefined;
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', (error) =>
        reject(
          new Error(
            `Failed to start k6 at ${options.binary}: ${error.message}. Set K6_BIN or run \`npm run infra -- prepare\`.`,
          ),
        ),
      );
      // Measured as k6 ends, before this process does anything else with its cores.
      child.once('exit', () => {
        if (options.systemIsLocal) systemCpuAfter = systemCpuMs(new Set([child.pid ?? -1]));
      });
      child.once('close', resolve);
    });
    const endedAt = Date.now();
    const k6Ms = reapedChildrenCpuMs() - k6CpuBefore;
    const systemMs =
      systemCpuBefore !== undefined && systemCpuAfter !== undefined
        ? systemCpuAfter - systemCpuBefore
        : undefined;
    const summary = await readFile(summaryFile, 'utf8').then(
      (text) => readSummary(JSON.parse(text) as SummaryExport),
      () => ({ thresholds: [], metrics: {} }),
    );
    const series = await k6Series(out).catch(() => []);
    return {
      script: options.script,
      exitCode,
      passed: exitCode === 0 && summary.thresholds.every((t) => t.passed),
      ...summary,
      series,
      startedAt,
      endedAt,
      cpu: { k6Ms, systemMs, clientBound: systemMs === undefined ? undefined : k6Ms > systemMs / 2 },
      outputTail: tail(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
