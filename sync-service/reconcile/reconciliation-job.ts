import type { Clock } from '../../infra/clock.ts';
import type { Logger } from '../../infra/logger.ts';
import type { SyncMetrics } from '../metrics.ts';
import { type ClockSchedule, scheduleOnClock } from '../schedule/clock-schedule.ts';
import type { SnapshotSource } from './open-abs-snapshot.ts';
import { type ReconcileOutcome, reconcileAbs } from './reconcile-abs.ts';

export interface ReconciliationJobOptions {
  readonly databaseUrl: string;
  readonly snapshot: SnapshotSource;
  readonly clock: Clock;
  readonly holder: string;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  /** When it runs by itself; without it the job runs only when asked (`runNow`). */
  readonly cron?: string;
  /** How often (real ms) the schedule looks at the clock. Default `syncDefaults.scheduleCheckEveryMs`. */
  readonly checkEveryMs?: number;
}

export interface ReconciliationJob {
  readonly schedule: ClockSchedule | undefined;
  /** One run now (under the same lock as the scheduled ones), its metrics counted. */
  runNow(): Promise<ReconcileOutcome>;
  stop(): Promise<void>;
}

/** The reconciliation as a job of the sync service: on its cron, on demand, counted in the metrics. */
export function startReconciliationJob(options: ReconciliationJobOptions): ReconciliationJob {
  const { metrics, log } = options;
  const runNow = async (): Promise<ReconcileOutcome> => {
    const outcome = await reconcileAbs(options);
    if (!outcome.ran) {
      log.info('reconciliation skipped: another instance holds the lock');
      return outcome;
    }
    const { report } = outcome;
    const found = {
      'balance-differs': report.found.balanceDiffers,
      'sequence-behind': report.found.sequenceBehind,
      'missing-in-cache': report.found.missingInCache,
    };
    const healed = {
      'balance-differs': report.repaired.balanceDiffers,
      'sequence-behind': report.repaired.sequenceBehind,
      'missing-in-cache': report.repaired.missingInCache,
    };
    for (const [reason, n] of Object.entries(found)) metrics.driftFound.inc({ source: 'abs', reason }, n);
    for (const [reason, n] of Object.entries(healed)) metrics.driftHealed.inc({ source: 'abs', reason }, n);
    metrics.reconciliationLastSuccess.set(options.clock.now() / 1000);
    metrics.reconciliationDuration.set(report.durationMs / 1000);
    metrics.reconciliationSnapshotRows.set(report.snapshotRows);
    log.info({ report }, 'reconciliation done');
    return outcome;
  };
  const schedule =
    options.cron === undefined
      ? undefined
      : scheduleOnClock('the ABS reconciliation', {
          cron: options.cron,
          clock: options.clock,
          checkEveryMs: options.checkEveryMs,
          run: async () => {
            // A failed night is logged and counted by the run's row; the next night tries again.
            await runNow().catch((error) =>
              log.error({ err: (error as Error).message }, 'reconciliation failed'),
            );
          },
        });
  return { schedule, runNow, stop: async () => schedule?.stop() };
}
