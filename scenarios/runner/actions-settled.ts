import type { Simulator } from '../../simulator/start-simulator.ts';

/**
 * Whether every action the fault engine started (an avalanche, a grey edit) has finished: a rule
 * that switched on journals `action` only once its handlers settle, and a run is judged after.
 */
export function actionsSettled(sim: Simulator): boolean {
  const started = new Set<string>();
  const finished = new Set<string>();
  for (const entry of sim.faults.journal.entries) {
    if (entry.kind === 'rule-on' && ACTION_EFFECTS.has(entry.effect))
      started.add(`${entry.ruleId}@${entry.at}`);
    if (entry.kind === 'action') finished.add(`${entry.ruleId}@${entry.at}`);
  }
  return [...started].every((key) => finished.has(key));
}

const ACTION_EFFECTS = new Set(['avalanche', 'grey-edit']);
