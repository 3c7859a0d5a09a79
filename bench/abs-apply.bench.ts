import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ABS_POSTINGS_TOPIC, type AbsPostingEvent } from '../contracts/abs/abs-schemas.ts';
import { systemClock } from '../infra/clock.ts';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { startKafka } from '../infra/kafka/start-kafka.ts';
import { createLogger } from '../infra/logger.ts';
import { createDatabase, startPostgres } from '../infra/postgres/start-postgres.ts';
import { consumeAbsPostings } from '../sync-service/consumers/abs-postings-consumer.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { createPullQueue } from '../sync-service/limiter/pull-queue.ts';
import { createSyncMetrics } from '../sync-service/metrics.ts';
import { emptySyncStats } from '../sync-service/sync-stats.ts';
import { reportBenchResult } from './bench-result.ts';

/**
 * Kafka → PostgreSQL apply rate of the ABS postings consumer (parse, sequencer, batched writes,
 * offsets) next to a raw `COPY` of the same rows into the same table, in one run on one server.
 * Target ratio ≥ 0.4.
 */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000);
const PER_ACCOUNT = Number(process.env.BENCH_POSTINGS_PER_ACCOUNT ?? 100);
const TOTAL = ACCOUNTS * PER_ACCOUNT;

await using postgres = await startPostgres({ databaseUrl: process.env.DATABASE_URL });
await using kafka = await startKafka();
const organisationId = randomUUID();
const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({
  id: randomUUID(),
  number: `40702810${String(i).padStart(12, '0')}`,
}));
const bookedAt = new Date().toISOString();
const postings: AbsPostingEvent[] = [];
for (let sequence = 1; sequence <= PER_ACCOUNT; sequence++)
  for (const account of accounts)
    postings.push({
      postingId: randomUUID(),
      accountId: account.id,
      organisationId,
      accountNumber: account.number,
      currency: 'RUB',
      sequence,
      amountMinor: 100,
      balanceAfterMinor: 100 * sequence,
      bookedAt,
      description: 'Оплата по счёту',
    });

async function freshDatabase(name: string): Promise<pg.Pool> {
  const url = await createDatabase(postgres.url, `${name}_${randomUUID().slice(0, 8).replaceAll('-', '')}`);
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  await pool.query(
    `INSERT INTO accounts (id, organisation_id, number, currency, balance_minor, last_sequence, as_of)
     SELECT id, $1, number, 'RUB', 0, 0, now() FROM unnest($2::uuid[], $3::text[]) AS t(id, number)`,
    [organisationId, accounts.map((a) => a.id), accounts.map((a) => a.number)],
  );
  return pool;
}

// Baseline: the same rows through COPY, the fastest way PostgreSQL takes them.
const copyPool = await freshDatabase('bench_copy');
const copyClient = await copyPool.connect();
const copyStart = performance.now();
await pipeline(
  Readable.from(
    (function* () {
      for (const p of postings)
        yield `${p.accountId}\t${p.sequence}\t${p.postingId}\t${p.amountMinor}\t${p.balanceAfterMinor}\t${p.bookedAt}\t${p.description}\n`;
    })(),
  ),
  copyClient.query(
    copyFrom(
      'COPY postings (account_id, sequence, posting_id, amount_minor, balance_after_minor, booked_at, description) FROM STDIN',
    ),
  ),
);
const copySeconds = (performance.now() - copyStart) / 1000;
copyClient.release();
await copyPool.end();

// The consumer: the backlog is on the broker first, then the clock runs from subscribe to the last row.
const pool = await freshDatabase('bench_apply');
await using bus = createKafkaBus({
  brokers: kafka.brokers,
  clientId: 'bench',
  topicPrefix: `bench${randomUUID().slice(0, 6)}.`,
});
for (let i = 0; i < postings.length; i += 5_000)
  await bus.publish(
    ABS_POSTINGS_TOPIC,
    postings
      .slice(i, i + 5_000)
      .map((p) => ({ key: p.organisationId + (p.accountId.at(-1) ?? ''), value: JSON.stringify(p) })),
  );
const stats = emptySyncStats();
const applyStart = performance.now();
const subscription = await consumeAbsPostings({
  bus,
  pool,
  pulls: createPullQueue(pool, 'bench'),
  stats,
  metrics: createSyncMetrics(),
  clock: systemClock,
  log: createLogger('bench', 'error'),
  groupId: 'bench',
});
while (stats.applied < TOTAL) {
  if (performance.now() - applyStart > 300_000)
    throw new Error(`Failed to apply the backlog: ${stats.applied} of ${TOTAL} after 300 s.`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const applySeconds = (performance.now() - applyStart) / 1000;
await subscription.stop();
await pool.end();

const copyRate = TOTAL / copySeconds;
const applyRate = TOTAL / applySeconds;
const ratio = applyRate / copyRate;
console.log(
  [
    `ABS postings, ${TOTAL} rows (${ACCOUNTS} accounts × ${PER_ACCOUNT}), PostgreSQL ${postgres.origin}, Kafka ${kafka.origin}:`,
    `  raw COPY into postings         ${copyRate.toFixed(0).padStart(8)} rows/s  (${copySeconds.toFixed(2)} s)`,
    `  Kafka → consumer → PostgreSQL  ${applyRate.toFixed(0).padStart(8)} rows/s  (${applySeconds.toFixed(2)} s)`,
  ].join('\n'),
);
reportBenchResult({
  name: 'Kafka→PostgreSQL apply ÷ raw COPY',
  value: ratio,
  unit: 'ratio',
  target: { atLeast: 0.4 },
  figures: {
    applyRowsPerSecond: Math.round(applyRate),
    copyRowsPerSecond: Math.round(copyRate),
    rows: TOTAL,
  },
});
