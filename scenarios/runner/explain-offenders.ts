import type { FaultJournalEntry } from '../../simulator/faults/fault-journal.ts';
import type { MessageSummary } from '../../simulator/history/source-history.ts';
import type { Offender, OffenderVerdict } from '../checker/offender.ts';
import { OFFENDERS_PER_VERDICT } from '../checker/offender.ts';
import type { OffenderExplanation } from './offender-explanation.ts';
import type { Verdict } from './verdict.ts';

export interface ExplainInput {
  readonly verdicts: readonly Verdict[];
  /** Every comparison's offenders, in the order the report should list them (ABS, CRM, MDM). */
  readonly offenders: readonly Offender[];
  readonly history: { messagesOf(key: string): readonly MessageSummary[] };
  readonly journal: readonly FaultJournalEntry[];
  /** Clock ms at which traffic started: the history's origin. */
  readonly start: number;
}

const VERDICTS: readonly OffenderVerdict[] = ['lost', 'duplicated', 'diverged'];
/** A fault rule on a busy channel journals thousands of entries; the first few say what it did here. */
export const FAULTS_PER_OFFENDER = 10;

/**
 * The first offenders of each failed lost/duplicated/diverged verdict, each with the history of
 * its keys and the journal entries naming them. Nothing when those verdicts passed: a green run's
 * report stays as it was.
 */
export function explainOffenders(input: ExplainInput): OffenderExplanation[] {
  const failed = new Set(
    input.verdicts
      .filter((v) => !v.passed && VERDICTS.includes(v.check as OffenderVerdict))
      .map((v) => v.check),
  );
  return VERDICTS.filter((verdict) => failed.has(verdict)).flatMap((verdict) =>
    input.offenders
      .filter((offender) => offender.verdict === verdict)
      .slice(0, OFFENDERS_PER_VERDICT)
      .map((offender) => explainOne(offender, input)),
  );
}

function explainOne(offender: Offender, input: ExplainInput): OffenderExplanation {
  const keys = new Set(offender.keys);
  // One client id keys the ABS, CRM and MDM alike: only the offender's own source tells its story.
  const ours = (channel: string) => channel.startsWith(`${offender.system}.`);
  const history = [...keys]
    .flatMap((key) => input.history.messagesOf(key))
    .filter((message) => ours(message.topic))
    // Stable: one key's messages stay in their order, two keys interleave by time.
    .sort((a, b) => a.at - b.at);
  const naming = input.journal.filter(
    (entry) =>
      (entry.kind === 'injected' || entry.kind === 'action') &&
      ours(entry.target) &&
      names(entry.detail, keys),
  );
  // Actions (a grey edit) are few and often the whole explanation: kept even after many injections.
  const actions = naming.filter((entry) => entry.kind === 'action').slice(0, FAULTS_PER_OFFENDER);
  const injected = naming
    .filter((entry) => entry.kind === 'injected')
    .slice(0, FAULTS_PER_OFFENDER - actions.length);
  const faults = [...actions, ...injected]
    .sort((a, b) => a.seq - b.seq)
    .map((entry) => ({ ...entry, at: entry.at - input.start }));
  const { verdict, entity, source, cache } = offender;
  return { verdict, entity, source, cache, history, faults };
}

/**
 * Whether a journal detail names a key: a message's `key`, a segment of a request's `path`
 * (`/accounts/<id>/postings`, `crm.company.get?id=<id>`), or an id in an action's outcome
 * (`{ edited: ['<org>'] }`, `{ edited: ['company:<id>'] }`).
 */
function names(value: unknown, keys: ReadonlySet<string>): boolean {
  if (typeof value === 'string')
    return keys.has(value) || value.split(/[/?&=:]/).some((part) => keys.has(part));
  if (Array.isArray(value)) return value.some((item) => names(item, keys));
  if (value && typeof value === 'object') return Object.values(value).some((item) => names(item, keys));
  return false;
}
