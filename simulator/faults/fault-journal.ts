import { createHash } from 'node:crypto';
import type { FaultEffectType } from './fault-effect-schema.ts';
import { RingBuffer } from './ring-buffer.ts';
import { RuleCounters, type RuleCounts } from './rule-counters.ts';

/**
 * `rule-on`/`rule-off`: a rule started or stopped applying (at its window edge, or when added or
 * removed). `injected`: one request or message was faulted. `action`: an action rule fired its
 * handlers (grey edit, avalanche).
 */
export type JournalEntryKind = 'rule-on' | 'rule-off' | 'injected' | 'action';

export interface FaultJournalEntry {
  /** Position in the journal, from 1; it keeps counting when old entries fall out. */
  readonly seq: number;
  /** Clock time, ms since the epoch. */
  readonly at: number;
  readonly ruleId: string;
  readonly target: string;
  readonly effect: FaultEffectType;
  readonly kind: JournalEntryKind;
  /** What was hit and how: method and path, or topic and key, plus the effect's own draw. */
  readonly detail: Readonly<Record<string, unknown>>;
}

/**
 * Entries a journal holds by default. A chaos scenario journals a few thousand; 100 000 keeps every
 * one of them (tens of MB at most) while a long load run with a matching rule stays flat in memory.
 */
export const DEFAULT_JOURNAL_CAPACITY = 100_000;

/**
 * Record of the injected faults, newest `capacity` entries held: checkers read it to tell injected
 * from real failures. The counts per rule and the digest cover every entry ever appended, so they
 * stay exact after the oldest fall out.
 */
export class FaultJournal {
  private readonly ring: RingBuffer<FaultJournalEntry>;
  private readonly counters = new RuleCounters();
  // One running SHA-256 over every entry's JSON line: the digest of a run without holding the run.
  private readonly hash = createHash('sha256');
  private appended = 0;
  private readonly listeners = new Set<(entry: FaultJournalEntry) => void>();

  constructor(capacity = DEFAULT_JOURNAL_CAPACITY) {
    this.ring = new RingBuffer(capacity);
  }

  append(entry: Omit<FaultJournalEntry, 'seq'>): FaultJournalEntry {
    const recorded = Object.freeze({ seq: this.appended + 1, ...entry });
    this.appended++;
    this.ring.push(recorded);
    this.counters.add(recorded.ruleId, recorded.kind);
    this.hash.update(`${JSON.stringify(recorded)}\n`);
    for (const listener of this.listeners) listener(recorded);
    return recorded;
  }

  /** Counts an outcome of `ruleId` without an entry: traffic a standing rule let through unharmed. */
  count(ruleId: string, outcome: string): void {
    this.counters.add(ruleId, outcome);
  }

  /** The entries held, oldest first: every entry unless more than `capacity` were appended. */
  get entries(): readonly FaultJournalEntry[] {
    return this.ring.toArray();
  }

  /** Up to `limit` held entries with a seq after `after`, oldest first. */
  page(after: number, limit: number): readonly FaultJournalEntry[] {
    const first = this.ring.at(0)?.seq ?? this.appended + 1;
    const page: FaultJournalEntry[] = [];
    for (let i = Math.max(0, after + 1 - first); i < this.ring.size && page.length < limit; i++)
      page.push(this.ring.at(i) as FaultJournalEntry);
    return page;
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  /** Entries ever appended; the last one's seq. */
  get total(): number {
    return this.appended;
  }

  /** Entries that fell out of the ring: the oldest seqs no longer held. */
  get dropped(): number {
    return this.appended - this.ring.size;
  }

  /** Exact counts of one rule: entries by kind and counted outcomes (absent = 0). */
  countsOf(ruleId: string): RuleCounts {
    return this.counters.of(ruleId);
  }

  /** Exact counts of every rule that has any, by rule id. */
  allCounts(): Readonly<Record<string, RuleCounts>> {
    return this.counters.all();
  }

  /** One kind or outcome summed over every rule, e.g. `totalOf('injected')`. */
  totalOf(outcome: string): number {
    return this.counters.total(outcome);
  }

  /** Tells `listener` of every entry from now on (e.g. to stream them to a log); returns the unsubscribe. */
  onEntry(listener: (entry: FaultJournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * SHA-256 over every entry ever appended, one JSON line each: two runs with the same seed, rules
   * and traffic have the same digest, whatever the capacity.
   */
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
