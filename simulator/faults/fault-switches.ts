/**
 * Which faults are switched on right now. The walking skeleton knows one effect, `outage`; the
 * rule engine of the simulator issue grows from here.
 */
export type FaultTarget = 'abs';
export type FaultEffect = 'outage';

export interface ActiveFault {
  readonly target: FaultTarget;
  readonly effect: FaultEffect;
}

export interface FaultJournalEntry extends ActiveFault {
  readonly at: number;
  readonly change: 'on' | 'off';
}

export class FaultSwitches {
  private readonly active = new Set<string>();
  private readonly listeners = new Set<() => void>();
  readonly journal: FaultJournalEntry[] = [];

  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  set(fault: ActiveFault, on: boolean): void {
    const key = `${fault.target}:${fault.effect}`;
    if (this.active.has(key) === on) return;
    if (on) this.active.add(key);
    else this.active.delete(key);
    this.journal.push({ ...fault, at: this.now(), change: on ? 'on' : 'off' });
    for (const listener of this.listeners) listener();
  }

  isOn(target: FaultTarget, effect: FaultEffect): boolean {
    return this.active.has(`${target}:${effect}`);
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }
}
