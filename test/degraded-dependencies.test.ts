import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBus } from '../infra/event-bus.ts';
import { listen, type RunningServer } from '../infra/http-server.ts';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { createLogger } from '../infra/logger.ts';
import { createPool } from '../sync-service/db/create-pool.ts';
import { standaloneSyncApp } from './standalone-sync-app.ts';

/** A loopback port nobody listens on: connecting to it is refused at once, as to a stopped server. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// The app is never asked for a slot here; only the metrics read its limit.

/**
 * The sync service's HTTP face when PostgreSQL is stopped and the Kafka broker unreachable: reads
 * answer 503 `CACHE_UNAVAILABLE` in the API's shape with `Retry-After`, and readiness answers
 * within 2 s, naming each failing check and why.
 */
describe('the sync app with its dependencies down', () => {
  let http: RunningServer;
  let kafka: EventBus;
  let pool: ReturnType<typeof createPool>;

  beforeAll(async () => {
    const log = createLogger('test', 'silent');
    pool = createPool({
      databaseUrl: `postgres://corebridge@127.0.0.1:${await closedPort()}/corebridge`,
      log,
    });
    kafka = createKafkaBus({ brokers: [`127.0.0.1:${await closedPort()}`], clientId: 'degraded-test' });
    const app = standaloneSyncApp({ pool, log, bus: kafka });
    http = await listen(app);
  });
  afterAll(async () => {
    await http.close();
    await kafka.stop();
    await pool.end();
  });

  it('answers a read with PostgreSQL stopped 503 CACHE_UNAVAILABLE with Retry-After', async () => {
    const response = await fetch(`${http.url}/api/v1/clients/7d0b7f8c-4b8e-4c55-9b7c-0d1c3a3f6a10`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CACHE_UNAVAILABLE');
    expect(body.error.message).toMatch(/^Failed to read or write the cache: .*Retry in 5 s\.$/);
    expect(JSON.stringify(body)).not.toContain('ECONNREFUSED');
  });

  it('answers readiness within 2 s, the database and the unreachable broker named as failing', async () => {
    const started = performance.now();
    const response = await fetch(`${http.url}/health/ready`);
    const body = (await response.json()) as {
      status: string;
      checks: Record<string, string>;
      failures: Record<string, string>;
    };
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(503);
    expect(body.status).toBe('down');
    expect(body.checks).toEqual({
      database: 'down',
      kafka: 'down',
      'memory (feeds)': 'up',
      initialLoad: 'done',
    });
    expect(body.failures.kafka).toMatch(/no answer within 1000 ms|connect/i);
    expect(body.failures.database).toMatch(/ECONNREFUSED|connect/);
  });
});
