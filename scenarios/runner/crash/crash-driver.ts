import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../../infra/clock.ts';
import { withTimeout } from '../../../infra/with-timeout.ts';
import type { CrashableSync } from '../sync-under-test.ts';
import type { PlannedCrash } from './crash-plan.ts';

export interface CrashRecord {
  /** Scenario time of the kill since the start of traffic, ms. */
  readonly at: number;
  /** Whether the killed instance had finished starting (initial load, consumers) or died on the way. */
  readonly wasReady: boolean;
  /** Real ms from the kill until the new instance served HTTP; undefined when it never did. */
  readonly backAfterMs?: number;
  readonly error?: string;
}

const RESTART_TIMEOUT_MS = 60_000;
/** Long enough for an instance that is ready to say so, short enough not to shift the crash. */
const READY_PEEK_MS = 200;

/**
 * Kills and restarts the sync service at the planned points of scenario time, one after another:
 * a crash due while the previous restart is still coming up waits for it, so every crash hits a
 * live instance. It does not wait for readiness, so a crash may land in the new instance's startup.
 * Stops at the first restart that fails: the service did not come back, which is the verdict.
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
      const wasReady = await Promise.race([
        sync.whenReady().then(
          () => true,
          () => false,
        ),
        sleep(READY_PEEK_MS, false),
      ]);
      const at = clock.now() - start;
      const killed = performance.now();
      try {
        await sync.crash();
        if (crash.restartAfter > 0) await sleep(crash.restartAfter / speed);
        await withTimeout(
          sync.restart(),
          RESTART_TIMEOUT_MS,
          `the new instance did not serve within ${RESTART_TIMEOUT_MS / 1000} s`,
        );
        records.push({ at, wasReady, backAfterMs: performance.now() - killed });
      } catch (error) {
        records.push({ at, wasReady, error: (error as Error).message });
        return;
      }
    }
  })();
  return { records, done };
}
