import type pg from 'pg';
import type { Clock } from '../infra/clock.ts';
import type { Logger } from '../infra/logger.ts';
import type { SyncMetrics } from './metrics.ts';
import { absSnapshotSource } from './reconcile/open-abs-snapshot.ts';
import type { ReconcileOutcome } from './reconcile/reconcile-abs.ts';
import { type ReconciliationJob, startReconciliationJob } from './reconcile/reconciliation-job.ts';
import { parseCron } from './schedule/clock-schedule.ts';
import { type SampledValidationJob, startSampledValidationJob } from './validate/sampled-validation-job.ts';
import type { SampledValidationOutcome } from './validate/validate-sample.ts';
import type { ValidatedChannel } from './validate/validated-channel.ts';

export interface CompensatingJobsOptions {
  readonly databaseUrl: string;
  readonly pool: pg.Pool;
  readonly absUrl: string;
  readonly holder: string;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  readonly clock: Clock;
  readonly reconcile?: {
    readonly cron?: string;
    readonly snapshotUrl?: string;
    readonly checkEveryMs?: number;
  };
  readonly sampledValidation?: {
    readonly cron?: string;
    readonly fraction?: number;
    readonly limit?: number;
    readonly checkEveryMs?: number;
  };
}

/**
 * The jobs that find and repair what the event streams missed: the ABS reconciliation (incident
 * I3) and the sampled validation of the CRM/MDM feeds (I6). Their crons start with `schedule()`,
 * once the cache is loaded; on demand they run at any time. The feeds add their channels to
 * `validated` as they start.
 */
export function compensatingJobs(options: CompensatingJobsOptions) {
  // A bad expression fails the service's start, not a job hours later.
  if (options.reconcile?.cron) parseCron(options.reconcile.cron, 'the ABS reconciliation');
  if (options.sampledValidation?.cron) parseCron(options.sampledValidation.cron, 'the sampled validation');
  const fraction = options.sampledValidation?.fraction;
  if (fraction !== undefined && !(fraction > 0 && fraction <= 1))
    throw new Error(
      `Failed to set up the sampled validation: fraction ${fraction} is not a share of clients. Pass a number in (0, 1], e.g. 0.01 for 1 %.`,
    );
  const { pool, metrics, log, clock } = options;
  const validated: ValidatedChannel<unknown>[] = [];
  let reconciliation: ReconciliationJob | undefined;
  let validation: SampledValidationJob | undefined;
  const reconciliationJob = (cron?: string) =>
    startReconciliationJob({
      databaseUrl: options.databaseUrl,
      snapshot: absSnapshotSource(options.reconcile?.snapshotUrl ?? options.absUrl),
      clock,
      holder: options.holder,
      metrics,
      log,
      cron,
      checkEveryMs: options.reconcile?.checkEveryMs,
    });
  const validationJob = (cron?: string) =>
    startSampledValidationJob({
      pool,
      channels: validated,
      ...options.sampledValidation,
      metrics,
      log,
      clock,
      cron,
    });
  return {
    validated,
    schedule(): void {
      // Against an empty cache every account would count as drift: only after the initial load.
      reconciliation = reconciliationJob(options.reconcile?.cron);
      validation = validationJob(options.sampledValidation?.cron);
    },
    reconcile: (): Promise<ReconcileOutcome> => (reconciliation ?? reconciliationJob()).runNow(),
    validateSample: (): Promise<SampledValidationOutcome> => (validation ?? validationJob()).runNow(),
    async stop(): Promise<void> {
      await Promise.all([reconciliation?.stop(), validation?.stop()]);
    },
  };
}
