import { type BenchResult, meetsTarget } from './bench-result.ts';

export interface BenchSummary {
  /** Benchmarks that failed, each with why: it exited non-zero, or a figure missed its target. */
  readonly failed: readonly { readonly bench: string; readonly reason: string }[];
  /** The closing lines of `npm run bench`. */
  readonly text: string;
  /** 0 only when every benchmark ran and met every target. */
  readonly exitCode: 0 | 1;
}

/**
 * Judges a run of benchmarks: one fails when its process exited non-zero or any figure it reported
 * missed its target, so a regression cannot hide behind a benchmark that merely ran to the end.
 */
export function benchSummary(
  files: readonly string[],
  exited: readonly string[],
  results: readonly (BenchResult & { readonly bench: string })[],
): BenchSummary {
  const failed = files.flatMap((bench) => {
    const missed = results.filter((r) => r.bench === bench && meetsTarget(r) === false).map((r) => r.name);
    const reasons = [
      ...(exited.includes(bench) ? ['exited non-zero'] : []),
      ...(missed.length > 0 ? [`missed ${missed.join(', ')}`] : []),
    ];
    return reasons.length > 0 ? [{ bench, reason: reasons.join('; ') }] : [];
  });
  const judged = results.map(meetsTarget).filter((met) => met !== undefined);
  const met = judged.filter(Boolean).length;
  const lines = [
    `targets: ${met} met, ${judged.length - met} missed`,
    `benchmarks: ${files.length - failed.length} passed, ${failed.length} failed`,
    ...failed.map((f) => `  failed: ${f.bench} (${f.reason})`),
  ];
  return { failed, text: lines.join('\n'), exitCode: failed.length === 0 ? 0 : 1 };
}
