import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { type SyncEvent, syncEventSchema } from '../contracts/sync/sync-event.ts';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { startKafka } from '../infra/kafka/start-kafka.ts';
import { createLogger } from '../infra/logger.ts';
import { createDatabase, startPostgres } from '../infra/postgres/start-postgres.ts';
import { migrate } from '../sync-service/db/migrate.ts';
import { withTransaction } from '../sync-service/db/with-transaction.ts';
import { enqueueOutbox } from '../sync-service/outbox/enqueue-outbox.ts';
import { startOutboxDispatcher } from '../sync-service/outbox/outbox-dispatcher.ts';
import { reportBenchResult } from './bench-result.ts';

/**
 * The outbox dispatcher (claim with SKIP LOCKED, publish to Kafka, stamp, commit) next to a raw
 * kafkajs `sendBatch` loop sending the same payloads in the same batch size with the same producer
 * settings (idempotent, acks=all), in one run on one broker. Then the latency from a writer's
 * COMMIT to a consumer holding the event, at a steady 200 single-event transactions per second.
 */
const EVENTS = Number(process.env.BENCH_OUTBOX_EVENTS ?? 50_000);
const BATCH = 500;
const LATENCY_EVENTS = 2_000;
const LATENCY_RATE = 200;

await using postgres = await startPostgres({ databaseUrl: process.env.DATABASE_URL });
await using kafka = await startKafka();
const log = createLogger('bench', 'warn');
const url = await createDatabase(postgres.url, `outbox_bench_${randomUUID().slice(0, 8)}`);
await migrate(url);
const pool = new pg.Pool({ connectionString: url, max: 10 });
const aggregates = Array.from({ length: 1_000 }, (_, i) => `company:${i}`);
const eventOf = (n: number) => ({
  aggregate: aggregates[n % aggregates.length] ?? 'company:0',
  type: 'company.updated',
  occurredAt: new Date().toISOString(),
  data: {
    phone: `+7999${String(n).padStart(7, '0')}`,
    email: `client${n}@example.ru`,
    fields: ['phone', 'email'],
  },
});
const prefix = `bench${randomUUID().slice(0, 6)}.`;

// Raw kafkajs: the payload the dispatcher would send for each event, sent in batches of BATCH.
const raw = new Kafka({ clientId: 'bench-raw', brokers: [...kafka.brokers], logLevel: logLevel.ERROR });
const producer = raw.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
});
await producer.connect();
const admin = raw.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic: `${prefix}raw`, numPartitions: 3 }], waitForLeaders: true });
await admin.disconnect();
const payloads = Array.from({ length: EVENTS }, (_, n) => {
  const { aggregate, ...rest } = eventOf(n);
  return { key: aggregate, value: JSON.stringify({ eventId: String(n + 1), aggregate, ...rest }) };
});
const rawStart = performance.now();
for (let i = 0; i < EVENTS; i += BATCH) {
  await producer.sendBatch({
    acks: -1,
    topicMessages: [{ topic: `${prefix}raw`, messages: payloads.slice(i, i + BATCH) }],
  });
}
const rawSeconds = (performance.now() - rawStart) / 1000;
await producer.disconnect();

// The outbox: the same events written beforehand, then drained by one dispatcher.
for (let i = 0; i < EVENTS; i += 5_000) {
  await withTransaction(pool, (client) =>
    enqueueOutbox(
      client,
      Array.from({ length: Math.min(5_000, EVENTS - i) }, (_, k) => eventOf(i + k)),
    ),
  );
}
const bus = createKafkaBus({ brokers: kafka.brokers, clientId: 'bench-outbox', topicPrefix: prefix });
await bus.publish('sync.processed', [{ key: 'warm-up', value: '{}' }]);
let published = 0;
const dispatchStart = performance.now();
const dispatcher = startOutboxDispatcher({
  pool,
  databaseUrl: url,
  bus,
  log,
  batchSize: BATCH,
  onPublished: (count) => {
    published += count;
  },
});
while (published < EVENTS) {
  process.stderr.write(`\r  dispatched ${published} of ${EVENTS}`);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const dispatchSeconds = (performance.now() - dispatchStart) / 1000;
process.stderr.write('\n');

// Commit → consumed: a consumer notes when each event arrives; the writer noted each COMMIT.
const committedAt = new Map<string, number>();
const arrivedAt = new Map<string, number>();
let joined = false;
await bus.subscribe({
  groupId: 'bench-latency',
  topic: 'sync.latency',
  fromBeginning: true,
  handleBatch: async (batch) => {
    const now = performance.now();
    joined = true;
    for (const message of batch) {
      const event: SyncEvent = syncEventSchema.parse(JSON.parse(message.value.toString('utf8')));
      arrivedAt.set(event.eventId, now);
    }
  },
});
// The consumer has joined its group once the warm-up event is in.
await withTransaction(pool, (client) => enqueueOutbox(client, [{ ...eventOf(0), topic: 'sync.latency' }]));
while (!joined) await new Promise((resolve) => setTimeout(resolve, 50));
const interval = 1000 / LATENCY_RATE;
const latencyStart = performance.now();
for (let n = 0; n < LATENCY_EVENTS; n++) {
  const due = latencyStart + n * interval;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const [id] = await withTransaction(pool, (client) =>
    enqueueOutbox(client, [{ ...eventOf(n), topic: 'sync.latency' }]),
  );
  if (id) committedAt.set(id, performance.now());
  if (n % 200 === 0) process.stderr.write(`\r  latency probe ${n} of ${LATENCY_EVENTS}`);
}
const deadline = Date.now() + 30_000;
while (arrivedAt.size < LATENCY_EVENTS + 1 && Date.now() < deadline)
  await new Promise((resolve) => setTimeout(resolve, 50));
process.stderr.write('\n');
await dispatcher.stop();
await bus.stop();
await pool.end();

// An event may arrive before its writer hears COMMIT back (NOTIFY fires at commit): count it as 0.
const latencies = [...committedAt]
  .map(([id, committed]) => Math.max(0, (arrivedAt.get(id) ?? Number.POSITIVE_INFINITY) - committed))
  .sort((a, b) => a - b);
const seen = latencies.filter(Number.isFinite).length;
const p = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? Number.NaN;
const rawRate = EVENTS / rawSeconds;
const dispatchRate = EVENTS / dispatchSeconds;
console.log(
  [
    `outbox: ${EVENTS} events of ~${payloads[0]?.value.length} bytes over ${aggregates.length} aggregates, batches of ${BATCH}, PostgreSQL ${postgres.origin}, Kafka ${kafka.origin}:`,
    `  raw kafkajs sendBatch loop   ${rawRate.toFixed(0).padStart(8)} msgs/s  (${rawSeconds.toFixed(2)} s)`,
    `  outbox dispatcher            ${dispatchRate.toFixed(0).padStart(8)} msgs/s  (${dispatchSeconds.toFixed(2)} s)`,
    `  commit → consumed at ${LATENCY_RATE} tx/s: ${seen} of ${LATENCY_EVENTS} seen, p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms, max ${(latencies.at(-1) ?? Number.NaN).toFixed(1)} ms`,
  ].join('\n'),
);
reportBenchResult({
  name: 'outbox dispatch ÷ raw kafkajs sendBatch',
  value: dispatchRate / rawRate,
  unit: 'ratio',
  target: { atLeast: 0.5 },
  figures: { dispatchPerSecond: Math.round(dispatchRate), rawPerSecond: Math.round(rawRate) },
});
reportBenchResult({
  name: 'outbox p99 commit → consumed',
  value: p(0.99),
  unit: 'ms',
  target: { atMost: 100 },
  figures: { p50: p(0.5), max: latencies.at(-1) ?? Number.NaN, rate: LATENCY_RATE },
});
