import { basename } from 'node:path';
import { cpuLine } from '../../infra/k6/k6-result-summary.ts';
import type { ScenarioResult } from '../runner/verdict.ts';
import { escapeHtml, jsonForScript } from './html-escape.ts';
import { offenderTableHtml } from './offender-table-html.ts';
import { reportCharts } from './report-charts.ts';
import { reportName } from './report-name.ts';
import { historyLine } from './verdict-table.ts';

/** What each run's `.json` holds: the result the HTML was drawn from, marked so the index can find it. */
export interface ScenarioReport {
  readonly kind: 'corebridge-scenario-run';
  readonly generatedAt: string;
  readonly result: ScenarioResult;
  /** The CoreBridge commit the run was made with (`git rev-parse --short HEAD`), when known. */
  readonly commit?: string;
  /** The scenario file as it ran, so `corebridge scenario replay` can run exactly this again. */
  readonly scenario?: { readonly file: string; readonly source: string };
}

export const REPORT_STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:800px;color:#222}
h1{font-size:22px;margin:0 0 4px} .pass{color:#16794a} .fail{color:#b3261e}
table{border-collapse:collapse;width:100%;margin:12px 0} td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.chart{margin:18px 0} .chart svg{display:block;max-width:100%;height:auto}
.series{fill:none;stroke-width:1.6} .grid{stroke:#eee} .axis{stroke:#888} .tick{font-size:11px;fill:#555}
.shade.fault{fill:#f4a6a6;opacity:.35} .shade.outage{fill:#8a8a8a;opacity:.3} .shade.maintenance{fill:#f2c46d;opacity:.35} .shade.load{fill:#9ec5f0;opacity:.3}
.legend{font-size:12px} .key{margin-right:12px;white-space:nowrap} .key i{display:inline-block;width:12px;height:8px;margin-right:4px}
.key i.shade.fault{background:#f4a6a6} .key i.shade.outage{background:#8a8a8a} .key i.shade.maintenance{background:#f2c46d} .key i.shade.load{background:#9ec5f0} .bound{font-weight:600;color:#b3261e} .n{white-space:nowrap}
#offenders{font-size:12px} #offenders ul{margin:0;padding-left:14px} #offenders code{word-break:break-all}`;

/**
 * One run as a self-contained HTML page: verdicts, the entities behind failed ones, the k6 runs
 * with their CPU figures, the charts as inline SVG, and the JSON they were drawn from — no script,
 * font or style from the network.
 */
export function reportHtml(report: ScenarioReport): string {
  const { result } = report;
  const status = result.passed ? '<span class="pass">passed</span>' : '<span class="fail">FAILED</span>';
  const verdictRows = result.error
    ? [
        `<tr><td>run</td><td>completes</td><td>${escapeHtml(result.error)}</td><td class="fail">FAIL</td></tr>`,
      ]
    : result.verdicts.map(
        (v) =>
          `<tr><td>${escapeHtml(v.check)}</td><td>${escapeHtml(v.expected)}</td><td>${escapeHtml(v.actual)}</td><td class="${v.passed ? 'pass' : 'fail'}">${v.passed ? 'pass' : 'FAIL'}</td></tr>`,
      );
  const timeline = result.timeline;
  const loads = (timeline?.loads ?? []).map(
    (l) =>
      `<li>k6 <code>${escapeHtml(basename(l.script))}</code>: ${l.passed ? 'thresholds held' : '<span class="fail">threshold breached</span>'}; ${l.cpu.clientBound ? '<span class="bound">client-bound</span> ' : ''}${escapeHtml(cpuLine(l))}</li>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(result.scenario)} (${result.bus}) — CoreBridge scenario</title>
<style>${REPORT_STYLE}</style></head>
<body>
<p><a href="index.html">All runs</a></p>
<h1>${escapeHtml(result.scenario)} on ${result.bus}: ${status}</h1>
<p>${escapeHtml(result.file)} · seed ${result.seed}${timeline ? ` · speed ${timeline.speed}× · ${timeline.durationMs / 1000} s of traffic` : ''} · ${(result.realDurationMs / 1000).toFixed(1)} s wall · ${escapeHtml(report.generatedAt)}</p>
${result.history ? `<p>history <code>${escapeHtml(historyLine(result.history))}</code> · replay: <code>corebridge scenario replay ${escapeHtml(`${reportName(result)}.json`)}</code></p>` : ''}
<table id="verdicts"><thead><tr><th>check</th><th>expected</th><th>actual</th><th>result</th></tr></thead>
<tbody>${verdictRows.join('\n')}</tbody></table>
${offenderTableHtml(result.offenders)}
${loads.length > 0 ? `<h2>Load</h2><ul id="loads">${loads.join('\n')}</ul>` : ''}
${timeline ? `<h2>Timeline</h2>\n${reportCharts(timeline).join('\n')}` : '<p>No timeline: the run broke before traffic started.</p>'}
<script type="application/json" id="run-data">${jsonForScript(report)}</script>
</body></html>
`;
}
