import type { OffenderExplanation } from '../runner/offender-explanation.ts';
import { escapeHtml } from './html-escape.ts';
import { faultLine, holdingsText, messageLine } from './offender-lines.ts';

/** A cell's lines as a list, each escaped: entity ids and fault details come from the run, not from us. */
const list = (lines: readonly string[]) =>
  lines.length === 0 ? '—' : `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;

/**
 * The offenders of a failed run as a table: each entity with both sides' holdings, the messages
 * emitted for it and the faults the journal names it in. Empty for a run without offenders.
 */
export function offenderTableHtml(offenders: readonly OffenderExplanation[] | undefined): string {
  if (!offenders || offenders.length === 0) return '';
  const rows = offenders.map((o) => {
    const history = o.history.map(messageLine);
    const faults = o.faults.map(faultLine);
    return `<tr><td class="fail">${escapeHtml(o.verdict)}</td><td><code>${escapeHtml(o.entity)}</code></td><td>${escapeHtml(holdingsText(o.source))}</td><td>${escapeHtml(holdingsText(o.cache))}</td><td>${list(history)}</td><td>${list(faults)}</td></tr>`;
  });
  return `<h2>Offenders</h2>
<table id="offenders"><thead><tr><th>verdict</th><th>entity</th><th>source</th><th>cache</th><th>messages</th><th>faults</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`;
}
