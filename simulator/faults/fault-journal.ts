import { createHash } from 'node:crypto';
import type { FaultEffectType } from './fault-effect-schema.ts';

/**
 * `rule-on`/`rule-off`: a rule started or stopped applying (at its window edge, or when added or
 * removed). `injected`: one request or message was faulted. `action`: an action rule fired its
 * handlers (grey edit, avalanche).
 */
export type JournalEntryKind = 'rule-on' | 'rule-off' | 'injected' | 'action';

export interface FaultJournalEntry {
  /** Position in the journal, from 1. */
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

/** Append-only record of every injected fault; checkers read it to tell injected from real failures. */
export class FaultJournal {
  private readonly items: FaultJournalEntry[] = [];
  private readonly listeners = new Set<(entry: FaultJournalEntry) => void>();

  append(entry: Omit<FaultJournalEntry, 'seq'>): FaultJournalEntry {
    const recorded = Object.freeze({ seq: this.items.length + 1, ...entry });
    this.items.push(recorded);
    for (const listener of this.listeners) listener(recorded);
    return recorded;
  }

  get entries(): readonly FaultJournalEntry[] {
    return this.items;
  }

  /** Tells `listener` of every entry from now on (e.g. to stream them to a log); returns the unsubscribe. */
  onEntry(listener: (entry: FaultJournalEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** SHA-256 over the entries: two runs with the same seed, rules and traffic have the same digest. */
  digest(): string {
    return createHash('sha256').update(JSON.stringify(this.items)).digest('hex');
  }
}
