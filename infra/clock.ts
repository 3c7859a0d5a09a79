/**
 * Time is injected so a scenario replays the same way and a one-hour outage can play in seconds.
 * `now()` is milliseconds since the epoch, in the clock's own (possibly compressed) time.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Runs `speed` times faster than the wall clock, starting at `start`: with speed 20 a scenario's
 * 60-second outage passes in 3 real seconds, and every timestamp the system writes says 60 s.
 */
export function scaledClock(speed: number, start: number = Date.now()): Clock {
  if (!(speed > 0))
    throw new Error(`Failed to create a scaled clock: speed ${speed} is not positive. Use 1 for real time.`);
  const realStart = performance.now();
  return { now: () => Math.round(start + (performance.now() - realStart) * speed) };
}

/** A clock that can be moved forward by hand: the simulator's, so QA can jump to "tonight". */
export interface AdjustableClock extends Clock {
  /** How far it has been moved on, ms. */
  readonly offsetMs: number;
  /** Moves the clock forward; time never runs backwards, so `ms` must not be negative. */
  advance(ms: number): void;
}

export function adjustableClock(base: Clock): AdjustableClock {
  let offsetMs = 0;
  return {
    now: () => base.now() + offsetMs,
    get offsetMs() {
      return offsetMs;
    },
    advance(ms) {
      if (!(ms >= 0))
        throw new RangeError(
          `Failed to advance the clock by ${ms} ms: time only moves forward. Pass ms ≥ 0.`,
        );
      offsetMs += ms;
    },
  };
}

/**
 * A clock a scenario runner holds back to the traffic it has emitted: while held, `now()` never
 * passes the hold, so everything the simulator stamps (a posting's `bookedAt`, a change's
 * `updatedAt`, which fault window a message falls in) is the scheduled time of the traffic, not
 * the moment a busy machine got round to it. Released, it is `base` again.
 */
export interface HeldClock extends Clock {
  /** Lets the clock run up to `time` and holds it there (never backwards). */
  holdAt(time: number): void;
  /** Lets the clock run free with `base`. */
  release(): void;
}

export function heldClock(base: Clock): HeldClock {
  let ceiling = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const now = () => {
    last = Math.max(last, Math.min(base.now(), ceiling));
    return last;
  };
  return {
    now,
    holdAt(time) {
      // From the last time handed out, not a fresh reading: the hold is exact.
      ceiling = Math.max(time, last);
    },
    release() {
      ceiling = Number.POSITIVE_INFINITY;
    },
  };
}
