import type { Clock } from '../../../infra/clock.ts';

/** A clock that moves only when the test says so, so windows, buckets and delays are exact. */
export class ManualClock implements Clock {
  private time: number;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now = (): number => this.time;

  advance(ms: number): void {
    this.time += ms;
  }
}
