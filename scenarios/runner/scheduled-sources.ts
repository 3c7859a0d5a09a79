import type { HeldClock } from '../../infra/clock.ts';
import type { Simulator } from '../../simulator/start-simulator.ts';
import type { Scenario } from './scenario-schema.ts';
import type { SourceTraffic } from './source-traffic.ts';
import { TrafficSchedule } from './traffic-schedule.ts';

type TimelineEntry = Scenario['timeline'][number];

export interface ScheduledSourcesOptions {
  readonly scenario: Scenario;
  readonly sim: Simulator;
  /** The simulator's clock, held to the schedule. */
  readonly sourceClock: HeldClock;
  /** Clock time the traffic starts at. */
  readonly start: number;
  readonly traffic: SourceTraffic;
  /** Starts one of the timeline's actions (a webhook burst, a k6 run, conflicting edits). */
  readonly startAction: (entry: TimelineEntry) => void;
}

/**
 * Plays the scenario's source traffic and its timeline actions on the schedule (ADR 11): each
 * item at its own time, the sources' clock held there, window edges and fault actions ticked
 * before it, so a grey edit lands between the same two postings and a burst's new client between
 * the same two CRM changes every run, however late the runner's tick came.
 */
export function scheduledSources(options: ScheduledSourcesOptions) {
  const { scenario, sim, sourceClock, start, traffic } = options;
  const schedule = new TrafficSchedule({
    posting: scenario.traffic.postingsPerSecond,
    'crm-change': scenario.traffic.crmChangesPerSecond,
    'mdm-change': scenario.traffic.mdmChangesPerSecond,
  });
  // In time order, whatever the file's order: an action waits only for those before it.
  const actions = scenario.timeline.filter((entry) => entry.action).sort((a, b) => a.at - b.at);
  const moveTo = (at: number) => {
    sourceClock.holdAt(start + at);
    sim.faults.tick();
  };
  const startActionsDue = (upTo: number) => {
    for (let entry = actions[0]; entry && entry.at <= upTo; entry = actions[0]) {
      actions.shift();
      moveTo(entry.at);
      options.startAction(entry);
    }
  };
  const emitDue = (upTo: number) => {
    for (const item of schedule.due(upTo)) {
      startActionsDue(item.at);
      moveTo(item.at);
      if (item.kind === 'posting') sim.abs.book(1);
      else if (item.kind === 'crm-change') traffic.changeCrm(1);
      else traffic.changeMdm(1);
    }
    startActionsDue(upTo);
    moveTo(upTo);
  };
  return {
    /** Everything due up to `upTo` (scenario ms since the start), in time order. */
    emitDue,
    /** The traffic ends exactly at the duration; the sources' clock runs free from then on. */
    end() {
      emitDue(scenario.duration);
      sourceClock.release();
    },
  };
}
