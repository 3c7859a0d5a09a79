import { describe, expect, it } from 'vitest';
import { parseCron, scheduleOnClock } from './clock-schedule.ts';

describe('scheduleOnClock', () => {
  it('runs the job when the injected clock passes the next cron time, not the wall clock', async () => {
    let now = Date.parse('2026-11-21T02:59:58Z');
    const runs: number[] = [];
    const schedule = scheduleOnClock('the test job', {
      cron: '0 3 * * *',
      clock: { now: () => now },
      checkEveryMs: 5,
      run: async () => {
        runs.push(now);
      },
    });
    expect(schedule.next?.toISOString()).toBe('2026-11-21T03:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual([]);
    now = Date.parse('2026-11-21T03:00:01Z');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toEqual([now]);
    expect(schedule.next?.toISOString()).toBe('2026-11-22T03:00:00.000Z');
    await schedule.stop();
  });

  it('refuses a bad expression with what to write instead', () => {
    expect(() => parseCron('nightly', 'the reconciliation')).toThrow(
      /^Failed to schedule the reconciliation: "nightly" is not a cron expression \(.*\)\. Write it like "0 3 \* \* \*"/,
    );
  });
});
