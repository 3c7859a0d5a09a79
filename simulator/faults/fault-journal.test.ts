import { describe, expect, it } from 'vitest';
import { FaultJournal, type FaultJournalEntry } from './fault-journal.ts';

const injection = (i: number): Omit<FaultJournalEntry, 'seq'> => ({
  at: 1_000 + i,
  ruleId: i % 3 === 0 ? 'slow' : 'down',
  target: 'abs.rest',
  effect: i % 3 === 0 ? 'latency' : 'outage',
  kind: 'injected',
  detail: { method: 'GET', path: `/abs/api/v1/accounts/acc-${i}` },
});

describe('fault journal', () => {
  it('holds only its newest entries, seq counting on, and pages what it holds', () => {
    const journal = new FaultJournal(4);
    for (let i = 1; i <= 10; i++) journal.append(injection(i));
    expect(journal.entries.map((e) => e.seq)).toEqual([7, 8, 9, 10]);
    expect(journal.entries.map((e) => e.at)).toEqual([1_007, 1_008, 1_009, 1_010]);
    expect(journal.total).toBe(10);
    expect(journal.dropped).toBe(6);
    expect(journal.append(injection(11)).seq).toBe(11);
    expect(journal.entries).toHaveLength(4);
    // After a seq that fell out, the page starts at the oldest held.
    expect(journal.page(0, 2).map((e) => e.seq)).toEqual([8, 9]);
    expect(journal.page(9, 10).map((e) => e.seq)).toEqual([10, 11]);
    expect(journal.page(11, 10)).toEqual([]);
  });

  it('digests every entry ever appended: a small ring gives the same digest as one that holds all', () => {
    const bounded = new FaultJournal(3);
    const unbounded = new FaultJournal(1_000);
    for (let i = 1; i <= 50; i++) {
      bounded.append(injection(i));
      unbounded.append(injection(i));
      expect(bounded.digest()).toBe(unbounded.digest());
    }
    expect(unbounded.entries).toHaveLength(50);
    expect(bounded.entries).toHaveLength(3);
    const other = new FaultJournal(3);
    for (let i = 1; i <= 50; i++) other.append(injection(i === 25 ? 26 : i));
    expect(other.digest()).not.toBe(bounded.digest());
  });

  it('keeps exact counts per rule after the counted entries fell out, and counts outcomes without entries', () => {
    const journal = new FaultJournal(2);
    for (let i = 1; i <= 30; i++) journal.append(injection(i));
    for (let i = 0; i < 7; i++) journal.count('slow', 'admitted');
    expect(journal.countsOf('slow')).toEqual({ injected: 10, admitted: 7 });
    expect(journal.countsOf('down')).toEqual({ injected: 20 });
    expect(journal.countsOf('none')).toEqual({});
    expect(journal.totalOf('injected')).toBe(30);
    expect(journal.allCounts()).toEqual({ down: { injected: 20 }, slow: { injected: 10, admitted: 7 } });
    // Counting an outcome is not an entry.
    expect(journal.total).toBe(30);
  });

  it('refuses a capacity that is not a whole number ≥ 1', () => {
    expect(() => new FaultJournal(0)).toThrow(/Failed to create a ring buffer: capacity 0/);
  });
});
