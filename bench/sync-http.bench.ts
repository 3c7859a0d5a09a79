import { signatureHeader } from '../contracts/webhooks/webhook-signature.ts';
import { systemClock } from '../infra/clock.ts';
import { listen } from '../infra/http-server.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { createDatabase, startPostgres } from '../infra/postgres/start-postgres.ts';
import { startSimulator } from '../simulator/start-simulator.ts';
import { startSyncService } from '../sync-service/start-sync-service.ts';
import { newClientWebhook } from '../test/fixtures/new-client-webhook.ts';
import { reportBenchResult } from './bench-result.ts';
import { loadWithAutocannon } from './load-with-autocannon.ts';

/**
 * The sync service's HTTP faces next to a bare node:http hello-world, in one run:
 * webhook intake (signature check, durable inbox write before the 202; target ≥ 0.15 of
 * hello-world) and the DBO read API (its maximum, then p99 at half of it).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SECRET = 'whsec_bench';
// Webhook senders deliver many at once; the intake writes what arrives together in one commit, so
// its rate grows with the senders in flight while a hello-world's does not. Both get the same.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 128);

await using postgres = await startPostgres({ databaseUrl: process.env.DATABASE_URL });
const databaseUrl = await createDatabase(postgres.url, `bench_http_${Date.now()}`);
await using bus = createMemoryBus();
await using sim = await startSimulator({
  seed: 3,
  dataset: { organisations: 200, accountsPerOrganisation: 3 },
  bus,
  clock: systemClock,
});
await using sync = await startSyncService({
  databaseUrl,
  bus,
  absUrl: sim.url,
  webhookSecrets: [SECRET],
  clock: systemClock,
  log: createLogger('bench', 'error'),
});
await sync.ready;
const hello = await listen((_request, response) => response.end('hello'));

const body = newClientWebhook('990001', 'Bench LLC');
const account = sim.abs.store.accountIds()[17];

const baseline = await loadWithAutocannon(`${hello.url}/`, SECONDS, { connections: CONNECTIONS });
const intake = await loadWithAutocannon(`${sync.url}/webhooks/crm`, SECONDS, {
  connections: CONNECTIONS,
  method: 'POST',
  body,
  uniqueIds: true,
  headers: {
    'content-type': 'application/json',
    'x-corebridge-signature': signatureHeader(SECRET, body, Math.floor(Date.now() / 1000)),
    // autocannon mis-parses a header value that ends in ']'.
    'idempotency-key': '[<id>]-bench',
  },
});
const readUrl = `${sync.url}/api/v1/accounts/${account}/balance`;
const readMax = await loadWithAutocannon(readUrl, SECONDS);
const readHalf = await loadWithAutocannon(readUrl, SECONDS, { rate: readMax.requestsPerSecond / 2 });
await hello.close();

const ratio = intake.requestsPerSecond / baseline.requestsPerSecond;
const row = (name: string, r: typeof baseline) =>
  `  ${name.padEnd(34)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${String(r.p99Ms).padStart(4)} ms  (non-2xx ${r.non2xx}, errors ${r.errors})`;
console.log(
  [
    `sync service HTTP, ${SECONDS} s each, ${CONNECTIONS} connections for hello-world and intake, 32 for the read API, PostgreSQL ${postgres.origin}:`,
    row('node:http hello-world', baseline),
    row('POST /webhooks/crm (new key each)', intake),
    row('GET /api/v1/accounts/:id/balance', readMax),
    row('  the same at half that rate', readHalf),
  ].join('\n'),
);
reportBenchResult({
  name: 'webhook intake ÷ node:http hello-world',
  value: ratio,
  unit: 'ratio',
  target: { atLeast: 0.15 },
  figures: {
    intakeRequestsPerSecond: Math.round(intake.requestsPerSecond),
    helloWorldRequestsPerSecond: Math.round(baseline.requestsPerSecond),
    connections: CONNECTIONS,
  },
});
reportBenchResult({
  name: 'read API p99 at half its maximum throughput',
  value: readHalf.p99Ms,
  unit: 'ms',
  figures: { maxRequestsPerSecond: Math.round(readMax.requestsPerSecond), p99AtMaxMs: readMax.p99Ms },
});
