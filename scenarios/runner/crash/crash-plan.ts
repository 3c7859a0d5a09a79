import { decisionRandom } from '../../../simulator/faults/index.ts';
import type { Scenario } from '../scenario-schema.ts';

export interface PlannedCrash {
  /** Scenario time since the start of traffic, ms. */
  readonly at: number;
  /** Scenario time the service stays down, ms. */
  readonly restartAfter: number;
}

/**
 * When the sync service dies, drawn from the scenario's seed: each `crash-sync` entry's window is
 * cut into `times` equal slots and one crash lands at a uniform point of each slot. Slots keep the
 * crashes spread over the window (no five crashes in one second), the jitter inside them makes the
 * points arbitrary with respect to batches, transactions and webhook deliveries.
 */
export function planCrashes(scenario: Scenario): PlannedCrash[] {
  const crashes: PlannedCrash[] = [];
  scenario.timeline.forEach((entry, index) => {
    if (entry.action?.type !== 'crash-sync') return;
    const { times, restartAfter } = entry.action;
    const window = (entry.for ?? scenario.duration - entry.at) / times;
    const random = decisionRandom(scenario.seed, 'scenario-crash-sync', index);
    for (let slot = 0; slot < times; slot++) {
      crashes.push({ at: Math.round(entry.at + window * (slot + random())), restartAfter });
    }
  });
  return crashes.sort((a, b) => a.at - b.at);
}
