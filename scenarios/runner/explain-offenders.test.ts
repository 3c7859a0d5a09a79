import { describe, expect, it } from 'vitest';
import type { FaultJournalEntry } from '../../simulator/faults/fault-journal.ts';
import type { MessageSummary } from '../../simulator/history/source-history.ts';
import type { Offender } from '../checker/offender.ts';
import { explainOffenders, FAULTS_PER_OFFENDER } from './explain-offenders.ts';
import { atMost } from './verdict.ts';

const START = 1_000_000;

const offender = (verdict: Offender['verdict'], entity: string, keys: string[]): Offender => ({
  verdict,
  system: 'abs',
  entity,
  keys,
  source: { lastSequence: 3 },
  cache: { lastSequence: 1 },
});

const journalEntry = (
  seq: number,
  at: number,
  detail: Record<string, unknown>,
  more: Partial<FaultJournalEntry> = {},
): FaultJournalEntry => ({
  seq,
  at: START + at,
  ruleId: `rule-${seq}`,
  target: 'abs.events',
  effect: 'sequence-gap',
  kind: 'injected',
  detail,
  ...more,
});

const messages: Record<string, MessageSummary[]> = {
  'org-1': [
    { topic: 'abs.postings', position: 1, at: 500, faults: [] },
    // The MDM keys the same client by the same id: not part of an ABS account's story.
    { topic: 'mdm.legal-details', position: 1, at: 700, faults: [] },
    { topic: 'abs.postings', position: 2, at: 1_500, faults: ['sequence-gap'] },
  ],
  'acc-1': [{ topic: 'abs.postings', position: 1, at: 1_000, faults: [] }],
};
const history = { messagesOf: (key: string) => messages[key] ?? [] };

describe('explainOffenders', () => {
  const lostAccount = offender('lost', 'abs account acc-1', ['org-1', 'acc-1']);
  const duplicatedAccount = offender('duplicated', 'abs account acc-2', ['org-2', 'acc-2']);

  it("explains only the verdicts that failed, with its own source's messages under every key of the entity, in time order", () => {
    const explained = explainOffenders({
      verdicts: [atMost('lost', 0, 2), atMost('duplicated', 0, 0), atMost('read 5xx', 0, 4)],
      offenders: [lostAccount, duplicatedAccount],
      history,
      journal: [],
      start: START,
    });
    expect(explained).toEqual([
      {
        verdict: 'lost',
        entity: 'abs account acc-1',
        source: { lastSequence: 3 },
        cache: { lastSequence: 1 },
        history: [messages['org-1']?.[0], messages['acc-1']?.[0], messages['org-1']?.[2]],
        faults: [],
      },
    ]);
  });

  it('gives nothing for a run whose lost, duplicated and diverged verdicts passed', () => {
    const explained = explainOffenders({
      verdicts: [atMost('lost', 5, 2), atMost('duplicated', 0, 0), atMost('diverged', 0, 0)],
      offenders: [lostAccount],
      history,
      journal: [journalEntry(1, 0, { key: 'org-1' })],
      start: START,
    });
    expect(explained).toEqual([]);
  });

  it("takes its source's journal entries naming a key by message key, request path segment or action outcome, in scenario time", () => {
    const journal = [
      journalEntry(1, 100, { topic: 'abs.postings', key: 'org-1' }),
      journalEntry(2, 200, { topic: 'abs.postings', key: 'org-10' }),
      journalEntry(
        3,
        300,
        { method: 'GET', path: '/abs/api/v1/accounts/acc-1/postings' },
        { target: 'abs.rest' },
      ),
      journalEntry(
        4,
        400,
        { method: 'GET', path: '/abs/api/v1/accounts/acc-11/postings' },
        { target: 'abs.rest' },
      ),
      journalEntry(5, 500, { handlers: 1, outcomes: [{ edited: ['org-2', 'org-1'] }] }, { kind: 'action' }),
      journalEntry(6, 600, { topic: 'mdm.legal-details', key: 'org-1' }, { target: 'mdm.mq' }),
      journalEntry(7, 700, {}, { kind: 'rule-off' }),
    ];
    const [explained] = explainOffenders({
      verdicts: [atMost('lost', 0, 1)],
      offenders: [lostAccount],
      history,
      journal,
      start: START,
    });
    expect(explained?.faults.map((f) => [f.seq, f.at])).toEqual([
      [1, 100],
      [3, 300],
      [5, 500],
    ]);
  });

  it('finds a CRM record in a Bitrix query string and in a grey edit naming it entity:id', () => {
    const card: Offender = { ...offender('lost', 'crm company:2', ['2']), system: 'crm' };
    const journal = [
      journalEntry(1, 0, { method: 'GET', path: '/rest/crm.company.get?id=2' }, { target: 'crm.rest' }),
      journalEntry(2, 0, { method: 'GET', path: '/rest/crm.company.get?id=12' }, { target: 'crm.rest' }),
      journalEntry(
        3,
        0,
        { outcomes: [{ edited: ['company:12', 'company:2'] }] },
        { target: 'crm.rest', kind: 'action' },
      ),
    ];
    const [explained] = explainOffenders({
      verdicts: [atMost('lost', 0, 1)],
      offenders: [card],
      history,
      journal,
      start: START,
    });
    expect(explained?.faults.map((f) => f.seq)).toEqual([1, 3]);
  });

  it('keeps the first faults of a busy key, every action on it, and the first offenders of each verdict', () => {
    const journal = Array.from({ length: 30 }, (_, i) => journalEntry(i + 1, i, { key: 'org-1' }));
    journal.push(journalEntry(31, 31, { edited: ['acc-3'] }, { kind: 'action', target: 'abs.rest' }));
    const many = Array.from({ length: 25 }, (_, i) =>
      offender('diverged', `abs account acc-${i + 3}`, ['org-1', `acc-${i + 3}`]),
    );
    const explained = explainOffenders({
      verdicts: [atMost('diverged', 0, 25)],
      offenders: many,
      history,
      journal,
      start: START,
    });
    expect(explained).toHaveLength(20);
    expect(explained[0]?.entity).toBe('abs account acc-3');
    expect(explained[0]?.faults.map((f) => f.seq)).toEqual([
      ...Array.from({ length: FAULTS_PER_OFFENDER - 1 }, (_, i) => i + 1),
      31,
    ]);
    expect(explained[1]?.faults).toHaveLength(FAULTS_PER_OFFENDER);
  });
});
