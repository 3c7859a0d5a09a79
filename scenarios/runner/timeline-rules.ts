import type { FaultJournal } from '../../simulator/faults/index.ts';
import type { Scenario } from './scenario-schema.ts';

/** `timeline-3`: the fault rule of the scenario's fourth timeline entry, when the file names none. */
export const timelineRuleId = (index: number) => `timeline-${index}`;

/** One fault rule of the scenario's timeline, as the file wrote it, with what it did in the run. */
export interface TimelineRule {
  readonly id: string;
  /** `timeline[3] abs.events sequence-gap`. */
  readonly label: string;
  readonly effect: string;
  /** Requests or messages it faulted, and actions it fired. */
  readonly injected: number;
}

/**
 * The timeline's own fault rules and how often each acted, from the journal's counts: standing rules the
 * simulator always runs (the ABS capacity model) are not the scenario's, so they are neither
 * counted nor charted beside them.
 */
export function timelineRules(scenario: Scenario, journal: FaultJournal): TimelineRule[] {
  // Counts, not entries: the journal holds only its newest entries, its counts cover the run.
  const acted = (id: string) => {
    const counts = journal.countsOf(id);
    return (counts.injected ?? 0) + (counts.action ?? 0);
  };
  return scenario.timeline.flatMap((entry, index) => {
    if (!entry.fault) return [];
    const id = entry.fault.id ?? timelineRuleId(index);
    const label = `timeline[${index}] ${entry.fault.target} ${entry.fault.effect.type}`;
    return [{ id, label, effect: entry.fault.effect.type, injected: acted(id) }];
  });
}
