import { type BenchResult, meetsTarget } from './bench-result.ts';

const formatValue = (r: BenchResult) =>
  r.unit === 'ratio' ? r.value.toFixed(2) : `${r.value.toFixed(1)} ${r.unit}`;
const formatTarget = (r: BenchResult) =>
  r.target === undefined
    ? '-'
    : r.target.atLeast !== undefined
      ? `≥ ${r.target.atLeast}`
      : `≤ ${r.target.atMost}${r.unit === 'ratio' ? '' : ` ${r.unit}`}`;

/** Every benchmark's figure in one plain-text table: name, value, target, met or missed. */
export function benchTable(results: readonly (BenchResult & { readonly bench: string })[]): string {
  const header = ['benchmark', 'figure', 'value', 'target', 'result'];
  const rows = results.map((r) => {
    const met = meetsTarget(r);
    return [
      r.bench,
      r.name,
      formatValue(r),
      formatTarget(r),
      met === undefined ? '-' : met ? 'met' : 'MISSED',
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
