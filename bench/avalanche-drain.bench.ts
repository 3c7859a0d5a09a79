import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { ABS_POSTINGS_TOPIC } from '../contracts/abs/abs-schemas.ts';
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
 * Incident I4: the longest event-loop stall of the ABS postings consumer while it drains 1 000
 * avalanche messages (10 000 closing postings each, just under 1 MB) from a real Kafka broker.
 * A stall past the consumer's heartbeat/session deadline is what set off the rebalance storm.
 */
const MESSAGES = Number(process.env.BENCH_AVALANCHE_MESSAGES ?? 1_000);

await using postgres = await startPostgres({ databaseUrl: process.env.DATABASE_URL });
await using kafka = await startKafka();
const databaseUrl = await createDatabase(postgres.url, `bench_avalanche_${randomUUID().slice(0, 8)}`);
await migrate(databaseUrl);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
await using bus = createKafkaBus({
  brokers: kafka.brokers,
  clientId: 'bench',
  topicPrefix: `av${randomUUID().slice(0, 6)}.`,
});

const tenYearsAgo = new Date(Date.now() - 3_650 * 86_400_000).toISOString();
const organisationId = randomUUID();
const accountId = randomUUID();
const posting = (n: number, i: number) => ({
  postingId: `closing-${n}-${i}`,
  accountId,
  organisationId,
  bookedAt: tenYearsAgo,
  amountMinor: i,
  description: 'Закрытие периода',
});
// As many postings as fit under 1 000 000 bytes (the incident's messages: up to 10 000, up to 1 MB).
const PER_MESSAGE = Math.min(
  10_000,
  Math.floor(990_000 / (Buffer.byteLength(JSON.stringify(posting(999, 9_999))) + 1)),
);
const message = (n: number) =>
  JSON.stringify({
    type: 'closing-postings',
    postings: Array.from({ length: PER_MESSAGE }, (_, i) => posting(n, i)),
  });
const publishStart = performance.now();
for (let n = 0; n < MESSAGES; n += 10)
  await bus.publish(
    ABS_POSTINGS_TOPIC,
    Array.from({ length: Math.min(10, MESSAGES - n) }, (_, i) => ({
      key: `org-${(n + i) % 12}`,
      value: message(n + i),
    })),
  );
const publishSeconds = (performance.now() - publishStart) / 1000;

const metrics = createSyncMetrics();
const stalls = monitorEventLoopDelay({ resolution: 10 });
const drainStart = performance.now();
stalls.enable();
const subscription = await consumeAbsPostings({
  bus,
  pool,
  pulls: createPullQueue(pool, 'bench'),
  stats: emptySyncStats(),
  metrics,
  clock: systemClock,
  log: createLogger('bench', 'error'),
  groupId: 'bench',
});
const total = MESSAGES * PER_MESSAGE;
for (;;) {
  const dropped = (await metrics.postingsBeyondHorizon.get()).values[0]?.value ?? 0;
  if (dropped >= total) break;
  if (performance.now() - drainStart > 600_000)
    throw new Error(`Failed to drain the avalanche: ${dropped} of ${total} after 600 s.`);
  process.stderr.write(`\r  drained ${Math.floor(dropped / PER_MESSAGE)} of ${MESSAGES} messages`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}
stalls.disable();
const drainSeconds = (performance.now() - drainStart) / 1000;
await subscription.stop();
await pool.end();
process.stderr.write('\n');
console.log(
  [
    `avalanche: ${MESSAGES} messages × ${PER_MESSAGE} closing postings (10 years old), Kafka ${kafka.origin}, published in ${publishSeconds.toFixed(1)} s:`,
    `  drained in ${drainSeconds.toFixed(1)} s (${(MESSAGES / drainSeconds).toFixed(0)} messages/s, ${(total / drainSeconds).toFixed(0)} postings/s), all dropped by the 6-month horizon`,
    `  longest event-loop stall ${(stalls.max / 1e6).toFixed(0)} ms, p99 ${(stalls.percentile(99) / 1e6).toFixed(0)} ms (kafkajs session timeout 30 000 ms, heartbeat every 1 000 ms)`,
  ].join('\n'),
);
// A stall past the heartbeat interval delays heartbeats; past the session timeout it is incident I4.
reportBenchResult({
  name: 'longest event-loop stall draining 1 000 avalanche messages',
  value: stalls.max / 1e6,
  unit: 'ms',
  target: { atMost: 1_000 },
  figures: {
    p99StallMs: Math.round(stalls.percentile(99) / 1e6),
    drainSeconds: Number(drainSeconds.toFixed(1)),
    messages: MESSAGES,
  },
});
