import type { Options } from 'k6/options';

/**
 * The thresholds every load script holds: a breach fails the run (k6 exits 99). Latency bounds are
 * per script; errors, checks and dropped iterations are the same everywhere — an arrival-rate test
 * that could not start an iteration on time measured less load than it claims.
 */
export function thresholds(p95Ms: number, p99Ms: number): NonNullable<Options['thresholds']> {
  return {
    http_req_failed: ['rate<0.01'],
    http_req_duration: [`p(95)<${p95Ms}`, `p(99)<${p99Ms}`],
    checks: ['rate>0.99'],
    dropped_iterations: ['count==0'],
  };
}
