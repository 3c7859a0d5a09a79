import { appendFileSync } from 'node:fs';

/**
 * One figure a benchmark measured, in the shape `npm run bench` gathers into its table: either a
 * ratio of two rates measured side by side in the same run (`ours` ÷ `baseline`), or a single
 * bounded figure (a latency, a stall) with no baseline.
 */
export interface BenchResult {
  /** What was measured, e.g. `webhook intake ÷ node:http hello-world`. */
  readonly name: string;
  /** The ratio, or the figure itself when there is no baseline. */
  readonly value: number;
  /** `ratio`, or the figure's unit (`ms`, `s`). */
  readonly unit: string;
  /** The target, and which side of it is good. */
  readonly target?: { readonly atLeast?: number; readonly atMost?: number };
  /** The raw figures behind the value, for the JSON record (e.g. both rates). */
  readonly figures?: Readonly<Record<string, number | string>>;
}

/** Whether a result meets its target (`undefined` when it has none). */
export function meetsTarget(result: BenchResult): boolean | undefined {
  const { target } = result;
  if (!target) return undefined;
  if (target.atLeast !== undefined && result.value < target.atLeast) return false;
  if (target.atMost !== undefined && result.value > target.atMost) return false;
  return true;
}

/**
 * Records a result: one human line on stdout, and one JSON line appended to the file
 * `npm run bench` names in `BENCH_RESULTS_FILE` (a benchmark run on its own just prints).
 */
export function reportBenchResult(result: BenchResult): void {
  const met = meetsTarget(result);
  const target = result.target
    ? ` (target ${result.target.atLeast !== undefined ? `≥ ${result.target.atLeast}` : `≤ ${result.target.atMost}`}) ${met ? 'met' : 'MISSED'}`
    : '';
  const value =
    result.unit === 'ratio' ? result.value.toFixed(2) : `${result.value.toFixed(1)} ${result.unit}`;
  console.log(`  → ${result.name} = ${value}${target}`);
  const file = process.env.BENCH_RESULTS_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}
