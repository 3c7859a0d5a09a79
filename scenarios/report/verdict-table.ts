import type { HistorySummary, ScenarioResult } from '../runner/verdict.ts';
import { offenderLines } from './offender-lines.ts';

/** `sha256:… (abs+crm+mdm: 2400 messages, 31 faults, 1 actions)`: what the sources emitted, to compare two runs by. */
export function historyLine(history: HistorySummary): string {
  return `sha256:${history.digest} (${history.covers.join('+')}: ${history.messages} messages, ${history.faults} faults, ${history.actions} actions)`;
}

/** The verdicts of every run as one plain-text table, for the terminal and CI logs; under it, what a failed run got wrong. */
export function verdictTable(results: readonly ScenarioResult[]): string {
  const header = ['scenario', 'bus', 'check', 'expected', 'actual', 'result'];
  const rows = results.flatMap((result) =>
    result.error
      ? [[result.scenario, result.bus, 'run', 'completes', result.error, 'FAIL']]
      : result.verdicts.map((v) => [
          result.scenario,
          result.bus,
          v.check,
          v.expected,
          v.actual,
          v.passed ? 'pass' : 'FAIL',
        ]),
  );
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const passed = results.filter((r) => r.passed).length;
  const digests = results
    .filter((r) => r.history)
    .map(
      (r) => `history  ${r.scenario}  ${r.bus}  seed ${r.seed}  ${historyLine(r.history as HistorySummary)}`,
    );
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    ...digests,
    ...(digests.length > 0 ? [''] : []),
    ...results.flatMap(offenderLines),
    `scenarios: ${passed} passed, ${results.length - passed} failed`,
  ].join('\n');
}
