import { Cron } from 'croner';
import type { Clock } from '../../infra/clock.ts';
import { syncDefaults } from '../defaults.ts';

export interface ClockScheduleOptions {
  /** A cron expression (5 fields, or 6 with seconds first), read in UTC. */
  readonly cron: string;
  /** Whose time the expression is read in: the system clock, or a scenario's compressed one. */
  readonly clock: Clock;
  /** How often (real ms) to look whether the next time has come. Default `syncDefaults.scheduleCheckEveryMs`. */
  readonly checkEveryMs?: number;
  /** The job; a run that is still going when the next time comes makes that time be skipped. */
  readonly run: () => Promise<void>;
}

export interface ClockSchedule {
  /** The next time the job runs, on the schedule's clock. */
  readonly next: Date | undefined;
  stop(): Promise<void>;
}

/** Parses a cron expression, or says what is wrong with it and how to write one. */
export function parseCron(cron: string, what: string): Cron {
  try {
    return new Cron(cron, { paused: true, timezone: 'Etc/UTC' });
  } catch (error) {
    throw new Error(
      `Failed to schedule ${what}: "${cron}" is not a cron expression (${(error as Error).message}). Write it like "0 3 * * *" (03:00 UTC daily) or "*/30 * * * * *" (every 30 s).`,
    );
  }
}

/**
 * Runs a job at the times a cron expression names, on an injected clock rather than on timers of
 * the wall clock: a scenario played 20 times faster sees its "nightly" job at the scenario's night.
 * A missed time (the process was busy or the job still running) is not made up: the next one counts.
 */
export function scheduleOnClock(what: string, options: ClockScheduleOptions): ClockSchedule {
  const cron = parseCron(options.cron, what);
  const nextAfter = (ms: number) => cron.nextRun(new Date(ms)) ?? undefined;
  let next = nextAfter(options.clock.now());
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    const now = options.clock.now();
    if (running || !next || now < next.getTime()) return;
    next = nextAfter(now);
    running = options.run().finally(() => {
      running = undefined;
    });
  }, options.checkEveryMs ?? syncDefaults.scheduleCheckEveryMs);
  return {
    get next() {
      return next;
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
