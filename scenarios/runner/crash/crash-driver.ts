import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../../infra/clock.ts';
import { withTimeout } from '../../../infra/with-timeout.ts';
import type { CrashableSync } from '../sync-under-test.ts';
import type { PlannedCrash } from './crash-plan.ts';

export interface CrashRecord {
  /** Scenario time of the kill since the start of traffic, ms. */
  readonly at: number;
  /** How much later than planned it came, waiting for the instance to get ready (scenario ms). */
  readonly lateBy: number;
  /** Database transactions the killed instance had open. */
  readonly transactionsInFlight: number;
  /** Real ms from the kill until the new instance served HTTP; undefined when it never did. */
  readonly backAfterMs?: number;
  readonly error?: string;
}

const RESTART_TIMEOUT_MS = 60_000;

/**
 * Kills and restarts the sync service at the planned points of scenario time, one after another.
 * A kill falls due only on an instance that is ready — initial load in, consumers running — so each
 * one hits the service at work (a batch in its transaction, a commit before its offset, a webhook
 * being recorded) rather than the previous restart's startup. On a real broker a restart waits for
 * the group to give up the killed member (its session timeout), so there kills come later than
 * planned; `lateBy` says by how much. Stops at the first restart that fails: the service did not
 * come back, which is the verdict.
 */
export function driveCrashes(
  sync: CrashableSync,
  plan: readonly PlannedCrash[],
  clock: Clock,
  start: number,
  speed: number,
) {
  const records: CrashRecord[] = [];
  const done = (async () => {
    for (const crash of plan) {
      const wait = crash.at - (clock.now() - start);
      if (wait > 0) await sleep(wait / speed);
      try {
        await withTimeout(
          sync.whenReady(),
          RESTART_TIMEOUT_MS,
          `the instance was not ready within ${RESTART_TIMEOUT_MS / 1000} s of its planned crash`,
        );
      } catch (error) {
        records.push({
          at: clock.now() - start,
          lateBy: 0,
          transactionsInFlight: 0,
          error: (error as Error).message,
        });
        return;
      }
      const at = clock.now() - start;
      const killed = performance.now();
      let transactions = 0;
      try {
        transactions = (await sync.crash()).transactionsInFlight;
        if (crash.restartAfter > 0) await sleep(crash.restartAfter / speed);
        await withTimeout(
          sync.restart(),
          RESTART_TIMEOUT_MS,
          `the new instance did not serve within ${RESTART_TIMEOUT_MS / 1000} s`,
        );
        records.push({
          at,
          lateBy: Math.max(0, at - crash.at),
          transactionsInFlight: transactions,
          backAfterMs: performance.now() - killed,
        });
      } catch (error) {
        records.push({
          at,
          lateBy: Math.max(0, at - crash.at),
          transactionsInFlight: transactions,
          error: (error as Error).message,
        });
        return;
      }
    }
  })();
  return { records, done };
}
