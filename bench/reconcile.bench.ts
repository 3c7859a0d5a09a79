import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { systemClock } from '../infra/clock.ts';
import { createDatabase, startPostgres } from '../infra/postgres/start-postgres.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { absSnapshotSource } from '../sync-service/reconcile/open-abs-snapshot.ts';
import { reconcileAbs } from '../sync-service/reconcile/reconcile-abs.ts';
import { reportBenchResult } from './bench-result.ts';

/**
 * The nightly ABS reconciliation (incident I3) of a 1-million-account cache with 1 % drift: the
 * snapshot streamed as NDJSON over HTTP → COPY into staging → one classification → point updates,
 * next to a raw `COPY` of the same accounts into a plain table, in one run on one server. The
 * accounts are generated on the fly on both sides, never held in memory.
 */
const ACCOUNTS = Number(process.env.BENCH_RECONCILE_ACCOUNTS ?? 1_000_000);
const DRIFT_EVERY = 100;
const TARGET = 0.25;
const progress = (line: string) => process.stderr.write(`  ${line}\n`);

// Account i, the same in the cache (SQL below) and in the snapshot (JS here).
const id = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const account = (i: number) => ({
  id: id('00000000', i),
  organisationId: id('11111111', Math.floor(i / 3)),
  number: String(i).padStart(20, '0'),
  currency: 'RUB',
  // One account in a hundred was grey-edited in the ABS.
  balanceMinor: i * 100 + (i % DRIFT_EVERY === 0 ? 1 : 0),
  lastSequence: i % 50,
});
const FILL_CACHE = `
  INSERT INTO accounts (id, organisation_id, number, currency, balance_minor, last_sequence, as_of)
  SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
         ('11111111-0000-4000-8000-' || lpad(to_hex(i / 3), 12, '0'))::uuid,
         lpad(i::text, 20, '0'), 'RUB', i * 100, i % 50, now()
  FROM generate_series(1, $1::int) AS i`;

function* chunks(line: (i: number) => string, header?: string): Generator<string> {
  if (header) yield header;
  for (let from = 1; from <= ACCOUNTS; from += 1_000) {
    let chunk = '';
    for (let i = from; i < from + 1_000 && i <= ACCOUNTS; i++) chunk += line(i);
    yield chunk;
  }
}

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
    chunks((i) => {
      const a = account(i);
      return `${a.id}\t${a.organisationId}\t${a.number}\t${a.currency}\t${a.balanceMinor}\t${a.lastSequence}\n`;
    }),
  ),
  copyClient.query(copyFrom('COPY snapshot_copy FROM STDIN')),
);
const copySeconds = (performance.now() - copyStart) / 1000;
copyClient.release();
await pool.query('DROP TABLE snapshot_copy');

// The replica export as the ABS serves it: NDJSON over HTTP, with backpressure.
const server = createServer(async (_request, response) => {
  response.setHeader('content-type', 'application/x-ndjson');
  const header = `${JSON.stringify({ snapshotAt: new Date().toISOString(), accounts: ACCOUNTS })}\n`;
  for (const chunk of chunks((i) => `${JSON.stringify(account(i))}\n`, header))
    if (!response.write(chunk)) await once(response, 'drain');
  response.end();
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

progress('reconciliation…');
const outcome = await reconcileAbs({
  databaseUrl,
  snapshot: absSnapshotSource(url),
  clock: systemClock,
  holder: 'bench',
  onProgress: (phase, rows) => progress(`${phase}: ${rows} accounts`),
});
server.close();
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
    copySeconds,
    copyRowsPerSecond: copyRate,
  },
});
