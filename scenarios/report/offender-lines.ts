import type { MessageSummary } from '../../simulator/history/source-history.ts';
import type { Holdings } from '../checker/offender.ts';
import type { OffenderExplanation, OffenderFault } from '../runner/offender-explanation.ts';
import type { ScenarioResult } from '../runner/verdict.ts';

/** Per run on the terminal: enough to start reading; the report has every offender in full. */
export const OFFENDERS_SHOWN = 20;
/** Message lines, and journal lines, under one offender: a glance; the report lists them all. */
export const LINES_PER_OFFENDER = 5;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `balanceMinor=100 missingSequences=[3,4]`, or `none` when that side holds nothing. */
export function holdingsText(holdings: Holdings | null): string {
  if (holdings === null) return 'none';
  const parts = Object.entries(holdings).map(
    ([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return parts.length > 0 ? parts.join(' ') : '-';
}

/** `12.3 s  abs.postings #4  hit: duplicate`: one message emitted for an offender. */
export function messageLine(message: MessageSummary): string {
  const hit = message.faults.length > 0 ? `  hit: ${message.faults.join(', ')}` : '';
  return `${seconds(message.at)}  ${message.topic} #${message.position}${hit}`;
}

/** `31.0 s  fault rule-2 drop (injected) on abs.events`: one journal entry naming an offender. */
export function faultLine(fault: OffenderFault): string {
  return `${seconds(fault.at)}  fault ${fault.ruleId} ${fault.effect} (${fault.kind}) on ${fault.target}`;
}

/**
 * At most `LINES_PER_OFFENDER` of `items`, in their order: the telling ones first (a message a
 * fault hit, an action on the entity), the latest first among equals — a lost change or a grey
 * edit is usually near the end — and a line saying how many were left out.
 */
export function tellingLines<T>(
  items: readonly T[],
  telling: (item: T) => boolean,
  line: (item: T) => string,
  what: string,
): string[] {
  if (items.length <= LINES_PER_OFFENDER) return items.map(line);
  const rank = items.map((item, index) => ({ index, telling: telling(item) }));
  rank.sort((a, b) => Number(b.telling) - Number(a.telling) || b.index - a.index);
  const kept = rank
    .slice(0, LINES_PER_OFFENDER)
    .map((r) => r.index)
    .sort((a, b) => a - b);
  return [...kept.map((i) => line(items[i] as T)), `… ${items.length - kept.length} more ${what}`];
}

/** The lines under one offender: its messages (with the faults that hit each), then the journal's entries on it. */
function storyLines(offender: OffenderExplanation): string[] {
  const story = [
    ...tellingLines(offender.history, (m) => m.faults.length > 0, messageLine, 'messages'),
    ...tellingLines(offender.faults, (f) => f.kind === 'action', faultLine, 'journal entries'),
  ];
  return (story.length > 0 ? story : ['no message or fault names it']).map((line) => `      ${line}`);
}

/**
 * The offenders of a failed run, one line each with both sides' holdings and their story
 * indented below: printed under the verdict table so a red CI log says which entities broke.
 */
export function offenderLines(result: ScenarioResult): string[] {
  const offenders = result.offenders ?? [];
  if (offenders.length === 0) return [];
  const shown = offenders.slice(0, OFFENDERS_SHOWN);
  return [
    `offenders  ${result.scenario}  ${result.bus}  (${shown.length} of ${offenders.length})`,
    ...shown.flatMap((o) => [
      `  ${o.verdict}  ${o.entity}  source: ${holdingsText(o.source)}  cache: ${holdingsText(o.cache)}`,
      ...storyLines(o),
    ]),
    ...(offenders.length > shown.length ? [`  … ${offenders.length - shown.length} more in the report`] : []),
    '',
  ];
}
