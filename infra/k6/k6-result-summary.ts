import type { K6Result } from './run-k6.ts';

const ms = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(1)} ms`);

/**
 * The lines printed under k6's own summary: each threshold and whether it held, and the harness's
 * validity — k6's CPU time beside the system's, labelled client-bound when k6 used more than half
 * as much as the system under test (then the figures describe the load generator too).
 */
export function k6ResultSummary(result: K6Result): string {
  const duration = result.metrics.http_req_duration ?? {};
  const lines = [
    `k6 ${result.script}: ${result.passed ? 'passed' : 'FAILED'} (exit ${result.exitCode})`,
    `  requests ${result.metrics.http_reqs?.count ?? 0} at ${(result.metrics.http_reqs?.rate ?? 0).toFixed(1)}/s, p95 ${ms(duration['p(95)'])}, p99 ${ms(duration['p(99)'])}, dropped iterations ${result.metrics.dropped_iterations?.count ?? 0}`,
    ...result.thresholds.map((t) => `  ${t.passed ? 'held    ' : 'BREACHED'} ${t.metric}: ${t.expression}`),
    `  ${cpuLine(result)}`,
  ];
  return lines.join('\n');
}

export function cpuLine(result: Pick<K6Result, 'cpu'>): string {
  const { k6Ms, systemMs, clientBound } = result.cpu;
  if (systemMs === undefined)
    return `CPU: k6 ${(k6Ms / 1000).toFixed(2)} s; system not measured (remote target)`;
  const ratio = systemMs > 0 ? k6Ms / systemMs : Number.POSITIVE_INFINITY;
  return `CPU: k6 ${(k6Ms / 1000).toFixed(2)} s, system ${(systemMs / 1000).toFixed(2)} s (k6/system ${ratio.toFixed(2)}) — ${clientBound ? 'CLIENT-BOUND: k6 used more than half the system’s CPU; the figures describe the load generator too' : 'system-bound'}`;
}
