import pg from 'pg';
import type { Clock } from '../../infra/clock.ts';
import { releaseJobLock, tryJobLock } from '../db/advisory-lock.ts';
import { classifySnapshot, type SnapshotClasses } from './classify-snapshot.ts';
import { copySnapshot } from './copy-snapshot.ts';
import { findDifferences } from './find-differences.ts';
import { finishReconciliationRun } from './finish-reconciliation-run.ts';
import { insertMissingAccounts } from './insert-missing-accounts.ts';
import { lockDriftedAccounts } from './lock-drifted-accounts.ts';
import type { SnapshotSource } from './open-abs-snapshot.ts';
import { queueBehindAccounts } from './queue-behind-accounts.ts';
import { repairBalances } from './repair-balances.ts';
import { startReconciliationRun } from './start-reconciliation-run.ts';

export interface ReconcileOptions {
  readonly databaseUrl: string;
  readonly snapshot: SnapshotSource;
  readonly clock: Clock;
  /** Who runs it, in `reconciliation_runs.holder`. */
  readonly holder: string;
  /** Called with `staging` and the rows copied so far (about once a second), then `repairing`. */
  readonly onProgress?: (phase: 'staging' | 'repairing', rows: number) => void;
}

export interface ReconciliationReport {
  readonly runId: string;
  readonly snapshotAt: string;
  readonly snapshotRows: number;
  /** What the comparison found before repairing. */
  readonly found: SnapshotClasses;
  /** What was repaired, by reason: rows written in place, accounts inserted, pulls queued. */
  readonly repaired: {
    readonly balanceDiffers: number;
    readonly missingInCache: number;
    readonly sequenceBehind: number;
  };
  readonly durationMs: number;
}

export type ReconcileOutcome =
  | { readonly ran: true; readonly report: ReconciliationReport }
  /** Another instance holds the reconciliation lock: it is running this night's reconciliation. */
  | { readonly ran: false; readonly reason: 'locked' };

/**
 * The ABS reconciliation (incident I3), once: under the cluster-wide lock, stream the replica's
 * snapshot into a staging table with COPY, find the differences with one query, and repair only what
 * differs with point updates, each repaired row recorded with its reason. Rows that match are not
 * written; rows where the cache is ahead of the snapshot are not rolled back.
 */
export async function reconcileAbs(options: ReconcileOptions): Promise<ReconcileOutcome> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  // A dropped connection (server restart) surfaces in the running query; do not crash the process.
  client.on('error', () => {});
  try {
    if (!(await tryJobLock(client, 'reconciliation'))) return { ran: false, reason: 'locked' };
    const now = () => new Date(options.clock.now()).toISOString();
    const runId = await startReconciliationRun(client, options.holder, now());
    try {
      const progress = options.onProgress;
      const staged = await copySnapshot(client, options.snapshot, (rows) => progress?.('staging', rows));
      progress?.('repairing', staged.rows);
      await findDifferences(client);
      await client.query('BEGIN');
      const found = await classifySnapshot(client, staged.rows);
      await lockDriftedAccounts(client);
      const repaired = {
        balanceDiffers: await repairBalances(client, runId, staged.snapshotAt),
        missingInCache: await insertMissingAccounts(client, runId, staged.snapshotAt),
        sequenceBehind: await queueBehindAccounts(client, runId),
      };
      await finishReconciliationRun(client, runId, {
        status: 'done',
        finishedAt: now(),
        snapshotAt: staged.snapshotAt,
        snapshotRows: staged.rows,
        summary: { found, repaired },
      });
      await client.query('COMMIT');
      await client.query('DROP TABLE reconcile_snapshot, reconcile_diff');
      const durationMs = performance.now() - started;
      const report = {
        runId,
        snapshotAt: staged.snapshotAt,
        snapshotRows: staged.rows,
        found,
        repaired,
        durationMs,
      };
      return { ran: true, report };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      await finishReconciliationRun(client, runId, {
        status: 'failed',
        finishedAt: now(),
        error: (error as Error).message,
      }).catch(() => {});
      throw error;
    } finally {
      await releaseJobLock(client, 'reconciliation').catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
