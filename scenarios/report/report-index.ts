import { escapeHtml } from './html-escape.ts';
import { REPORT_STYLE, type ScenarioReport } from './report-html.ts';

export interface IndexEntry {
  /** The run's HTML file, relative to the index. */
  readonly href: string;
  readonly report: ScenarioReport;
}

/** `reports/index.html`: every run's report, with its verdict, bus, wall time, k6 runs, seed, commit and JSON. */
export function reportIndexHtml(entries: readonly IndexEntry[]): string {
  const rows = entries.map(({ href, report: { result, generatedAt, commit } }) => {
    const json = href.replace(/\.html$/, '.json');
    const failed = result.verdicts.filter((v) => !v.passed).map((v) => v.check);
    const loads = result.timeline?.loads ?? [];
    return `<tr><td><a href="${escapeHtml(href)}">${escapeHtml(result.scenario)}</a></td><td>${result.bus}</td><td class="${result.passed ? 'pass' : 'fail'}">${result.passed ? 'pass' : `FAIL${failed.length ? `: ${escapeHtml(failed.join(', '))}` : result.error ? `: ${escapeHtml(result.error)}` : ''}`}</td><td class="n">${(result.realDurationMs / 1000).toFixed(1)} s</td><td>${loads.length === 0 ? '' : loads.map((l) => (l.cpu.clientBound ? 'client-bound' : 'system-bound')).join(', ')}</td><td class="n">${result.seed}</td><td><code>${escapeHtml(commit ?? '—')}</code></td><td class="n">${escapeHtml(generatedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</td><td><a href="${escapeHtml(json)}">JSON</a></td></tr>`;
  });
  const passed = entries.filter((e) => e.report.result.passed).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CoreBridge scenario runs</title><style>${REPORT_STYLE}</style></head>
<body><h1>Scenario runs</h1><p>${passed} of ${entries.length} passed.</p>
<table id="runs"><thead><tr><th>scenario</th><th>bus</th><th>result</th><th>wall</th><th>k6</th><th>seed</th><th>commit</th><th>written</th><th>data</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></body></html>
`;
}
