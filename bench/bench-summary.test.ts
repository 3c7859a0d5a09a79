import { describe, expect, it } from 'vitest';
import type { BenchResult } from './bench-result.ts';
import { benchSummary } from './bench-summary.ts';

const result = (bench: string, name: string, value: number, atLeast?: number) =>
  ({
    bench,
    name,
    value,
    unit: 'ratio',
    ...(atLeast === undefined ? {} : { target: { atLeast } }),
  }) satisfies BenchResult & { bench: string };

describe('bench summary', () => {
  it('fails a benchmark whose figure missed its target, though its process exited 0, and exits 1', () => {
    const summary = benchSummary(
      ['a.bench.ts', 'b.bench.ts', 'c.bench.ts'],
      [],
      [
        result('a.bench.ts', 'sim ÷ hello', 0.9, 1.5),
        result('a.bench.ts', 'webhook ÷ hello', 0.4, 0.3),
        result('b.bench.ts', 'apply ÷ COPY', 0.8, 0.5),
        result('c.bench.ts', 'world size', 3),
      ],
    );
    expect(summary.exitCode).toBe(1);
    expect(summary.failed).toEqual([{ bench: 'a.bench.ts', reason: 'missed sim ÷ hello' }]);
    expect(summary.text).toBe(
      [
        'targets: 2 met, 1 missed',
        'benchmarks: 2 passed, 1 failed',
        '  failed: a.bench.ts (missed sim ÷ hello)',
      ].join('\n'),
    );
  });

  it('fails a benchmark that exited non-zero, and passes with exit 0 only when all ran and met', () => {
    const crashed = benchSummary(['a.bench.ts'], ['a.bench.ts'], []);
    expect(crashed.exitCode).toBe(1);
    expect(crashed.failed).toEqual([{ bench: 'a.bench.ts', reason: 'exited non-zero' }]);
    const clean = benchSummary(['a.bench.ts'], [], [result('a.bench.ts', 'sim ÷ hello', 1.6, 1.5)]);
    expect(clean).toEqual({
      failed: [],
      text: 'targets: 1 met, 0 missed\nbenchmarks: 1 passed, 0 failed',
      exitCode: 0,
    });
  });
});
