import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { systemClock } from '../infra/clock.ts';
import { createDatabase, startPostgres } from '../infra/postgres/start-postgres.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { absSnapshotSource } from '../sync-service/reconcile/open-abs-snapshot.ts';
import { reconcileAbs } from '../sync-service/reconcile/reconcile-abs.ts';
import { reportBenchResult } from './bench-result.ts';
import { account, accountChunks, DRIFT_EVERY, FILL_CACHE } from './snapshot-accounts.ts';

/**
 * The nightly ABS reconciliation (incident I3) of a 1-million-account cache with 1 % drift: the
 * snapshot streamed as NDJSON over HTTP → COPY into staging → one classification → point updates,
 * next to a raw `COPY` of the same accounts into a plain table, in one run on one server. The
 * accounts are generated on the fly on both sides, never held in memory.
 */
const ACCOUNTS = Number(process.env.BENCH_RECONCILE_ACCOUNTS ?? 1_000_000);
const TARGET = 0.25;
const progress = (line: string) => process.stderr.write(`  ${line}\n`);

await using postgres = await startPostgres({ databaseUrl: process.env.DATABASE_URL });
const databaseUrl = await createDatabase(postgres.url, `bench_reconcile_${randomUUID().slice(0, 8)}`);
await migrate(databaseUrl);
const pool = new pg.Pool({ connectionString: databaseUrl });
progress(`filling the cache with ${ACCOUNTS} accounts…`);
await pool.query(FILL_CACHE, [ACCOUNTS]);
await pool.query('VACUUM ANALYZE accounts');

// Baseline: the same accounts through COPY into a plain table, the fastest way PostgreSQL takes them.
await pool.query(`CREATE TABLE snapshot_copy (id uuid, organisation_id uuid, number text, currency text,
  balance_minor bigint, last_sequence bigint)`);
progress('raw COPY of the snapshot…');
const copyClient = await pool.connect();
const copyStart = performance.now();
await pipeline(
  Readable.from(
    accountChunks(ACCOUNTS, (i) => {
      const a = account(i);
      return `${a.id}\t${a.organisationId}\t${a.number}\t${a.currency}\t${a.balanceMinor}\t${a.lastSequence}\n`;
    }),
  ),
  copyClient.query(copyFrom('COPY snapshot_copy FROM STDIN')),
);
const copySeconds = (performance.now() - copyStart) / 1000;
copyClient.release();
await pool.query('DROP TABLE snapshot_copy');

// The replica export as the ABS serves it: NDJSON over HTTP, from another thread.
const exporter = new Worker(new URL('./snapshot-export-server.ts', import.meta.url), {
  workerData: { accounts: ACCOUNTS },
});
const [url] = (await once(exporter, 'message')) as [string];

progress('reconciliation…');
let repairStart = 0;
const outcome = await reconcileAbs({
  databaseUrl,
  snapshot: absSnapshotSource(url),
  clock: systemClock,
  holder: 'bench',
  onProgress: (phase, rows) => {
    if (phase === 'repairing') repairStart = performance.now();
    progress(`${phase}: ${rows} accounts`);
  },
});
const repairSeconds = (performance.now() - repairStart) / 1000;
exporter.postMessage('stop');
await exporter.terminate();
if (!outcome.ran)
  throw new Error('Failed to reconcile: the lock was taken. Run the benchmark on its own database.');
const { report } = outcome;
const expected = Math.floor(ACCOUNTS / DRIFT_EVERY);
if (report.repaired.balanceDiffers !== expected || report.found.unchanged !== ACCOUNTS - expected)
  throw new Error(
    `Failed to check the reconciliation: repaired ${report.repaired.balanceDiffers} and left ${report.found.unchanged} unchanged; expected ${expected} and ${ACCOUNTS - expected}.`,
  );
const touched = await pool.query<{ n: number }>(
  'SELECT count(*)::int AS n FROM reconciliation_repairs WHERE run_id = $1',
  [report.runId],
);
await pool.end();

const reconcileSeconds = report.durationMs / 1000;
const copyRate = ACCOUNTS / copySeconds;
const reconcileRate = ACCOUNTS / reconcileSeconds;
console.log(
  [
    `ABS reconciliation, ${ACCOUNTS} accounts with ${expected} drifted (1 %), PostgreSQL ${postgres.origin}:`,
    `  raw COPY into a plain table          ${copyRate.toFixed(0).padStart(8)} rows/s  (${copySeconds.toFixed(2)} s)`,
    `  stream → COPY → diff → point updates ${reconcileRate.toFixed(0).padStart(8)} rows/s  (${reconcileSeconds.toFixed(2)} s, ${touched.rows[0]?.n} rows repaired)`,
    `    of which streaming into staging ${(reconcileSeconds - repairSeconds).toFixed(2)} s, diff and repair ${repairSeconds.toFixed(2)} s`,
  ].join('\n'),
);
reportBenchResult({
  name: 'ABS reconciliation of 1 M accounts ÷ raw COPY',
  value: reconcileRate / copyRate,
  unit: 'ratio',
  target: { atLeast: TARGET },
  figures: {
    accounts: ACCOUNTS,
    drifted: expected,
    reconcileSeconds,
    reconcileRowsPerSecond: reconcileRate,
    repairSeconds,
    copySeconds,
    copyRowsPerSecond: copyRate,
  },
});
