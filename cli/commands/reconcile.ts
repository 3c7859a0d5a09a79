import { hostname } from 'node:os';
import pg from 'pg';
import { systemClock } from '../../infra/clock.ts';
import { migrate } from '../../sync-service/db/migrate.ts';
import { listRepairs } from '../../sync-service/reconcile/list-repairs.ts';
import { absSnapshotSource } from '../../sync-service/reconcile/open-abs-snapshot.ts';
import { reconcileAbs } from '../../sync-service/reconcile/reconcile-abs.ts';
import type { CliConfig } from '../config.ts';
import { parseNumber } from '../parse-number.ts';

export interface ReconcileCommandOptions {
  readonly absUrl: string;
  readonly show: string;
  readonly json?: boolean;
}

/** Exit code when another instance holds the reconciliation lock: nothing was done, try later. */
export const RECONCILE_LOCKED_EXIT_CODE = 3;

/**
 * `corebridge reconcile`: one ABS reconciliation now, against the sync service's database, under
 * the same lock as the scheduled runs. Progress on stderr; the summary and the first repaired rows
 * (or with --json the whole report) on stdout.
 */
export async function reconcileCommand(options: ReconcileCommandOptions, config: CliConfig): Promise<number> {
  const databaseUrl = config.databaseUrl;
  if (!databaseUrl)
    throw new Error('Failed to reconcile: DATABASE_URL is not set. Export the sync service’s DATABASE_URL.');
  const show = parseNumber('show', options.show);
  await migrate(databaseUrl);
  const outcome = await reconcileAbs({
    databaseUrl,
    snapshot: absSnapshotSource(options.absUrl),
    clock: systemClock,
    holder: `cli@${hostname()}`,
    onProgress: (phase, rows) => process.stderr.write(`${phase}: ${rows} accounts\n`),
  });
  if (!outcome.ran) {
    process.stderr.write(
      'Another instance holds the reconciliation lock and is reconciling now; nothing was done. Run again when it is finished.\n',
    );
    return RECONCILE_LOCKED_EXIT_CODE;
  }
  const { report } = outcome;
  const pool = new pg.Pool({ connectionString: databaseUrl });
  try {
    const repairs = await listRepairs(pool, report.runId, show);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...report, repairs }, null, 2)}\n`);
      return 0;
    }
    const { found, repaired } = report;
    process.stdout.write(
      [
        `Reconciliation run ${report.runId}: snapshot of ${report.snapshotAt}, ${report.snapshotRows} accounts, ${(report.durationMs / 1000).toFixed(1)} s`,
        `  unchanged          ${found.unchanged}`,
        `  balance-differs    ${repaired.balanceDiffers} repaired in place (${found.balanceDiffers} found)`,
        `  missing-in-cache   ${repaired.missingInCache} inserted`,
        `  sequence-behind    ${repaired.sequenceBehind} postings pulls queued`,
        `  cache ahead        ${found.cacheAhead} left alone (postings applied after the snapshot)`,
        `  not in snapshot    ${found.notInSnapshot} left alone`,
        ...repairs.map(
          (r) =>
            `  ${r.reason.padEnd(17)} ${r.accountId} ${r.field}: ${r.cacheValue ?? '—'} → ${r.snapshotValue}`,
        ),
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await pool.end();
  }
}
