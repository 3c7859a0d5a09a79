import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createAmqpBus } from '../infra/amqp/amqp-bus.ts';
import type { EventBus } from '../infra/event-bus.ts';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { createLogger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import {
  currentTrace,
  runInTrace,
  type TraceContext,
  traceFromHeaders,
} from '../infra/tracing/trace-context.ts';
import { withTracing } from '../infra/tracing/traced-bus.ts';
import type { Simulator } from '../simulator/start-simulator.ts';
import type { SyncService } from '../sync-service/start-sync-service.ts';
import { startTestSystem, type TestSystem } from './start-test-system.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

/** Log lines written to memory, parsed. */
function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger('trace-test', 'debug', sink), lines };
}

describe('trace context', () => {
  it('continues the caller’s trace with a new span, or starts one when the header is malformed', () => {
    const continued = traceFromHeaders({ 'x-request-id': 'req-1', traceparent: PARENT });
    expect(continued).toMatchObject({ requestId: 'req-1', traceId: TRACE_ID });
    expect(continued.spanId).not.toBe('00f067aa0ba902b7');
    const started = traceFromHeaders({ traceparent: '00-zz-yy-01' });
    expect(started.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(started.traceId).not.toBe(TRACE_ID);
    expect(started.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the ids on every log line written inside it', () => {
    const { log, lines } = captureLog();
    runInTrace(traceFromHeaders({ 'x-request-id': 'req-2', traceparent: PARENT }), () => log.info('inside'));
    log.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', requestId: 'req-2', traceId: TRACE_ID });
    expect(lines[1]).not.toHaveProperty('requestId');
  });
});

const brokers = inject('kafkaBrokers');
const amqpUrl = inject('amqpUrl');
const buses: (readonly [string, () => EventBus])[] = [
  ['memory', () => createMemoryBus()],
  ...(brokers
    ? ([
        [
          'kafka',
          () => createKafkaBus({ brokers, clientId: 'trace', topicPrefix: `tr${randomUUID().slice(0, 6)}.` }),
        ],
      ] as const)
    : []),
  ...(amqpUrl
    ? ([
        [
          'amqp',
          () =>
            createAmqpBus({ url: amqpUrl, clientId: 'trace', topicPrefix: `tr${randomUUID().slice(0, 6)}.` }),
        ],
      ] as const)
    : []),
];
if (!brokers || !amqpUrl)
  process.stderr.write('tracing over Kafka/RabbitMQ skipped: a broker could not start\n');

describe.each(buses)('trace context across the %s bus', (_kind, create) => {
  it('travels in message headers and is the consumer’s context', async () => {
    const bus = withTracing(create());
    const seen: (TraceContext | undefined)[] = [];
    const subscription = await bus.subscribe({
      groupId: 'g',
      topic: 'traced',
      handleBatch: async () => {
        seen.push(currentTrace());
      },
    });
    const origin = traceFromHeaders({ 'x-request-id': 'req-bus', traceparent: PARENT });
    await runInTrace(origin, () => bus.publish('traced', [{ key: 'k', value: 'v' }]));
    await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 20_000 });
    expect(seen[0]).toMatchObject({ requestId: 'req-bus', traceId: TRACE_ID });
    expect(seen[0]?.spanId).not.toBe(origin.spanId);
    await subscription.stop();
    await bus.stop();
  });
});

describe('the sync service’s observability surface', () => {
  let system: TestSystem;
  let sim: Simulator;
  let sync: SyncService;
  beforeAll(async () => {
    system = await startTestSystem({ name: 'trace', seed: 61, organisations: 3 });
    ({ sim, sync } = system);
  });
  afterAll(() => system.stop());

  it('echoes X-Request-Id, and makes one when the caller sent none', async () => {
    const given = await fetch(`${sync.url}/health/live`, { headers: { 'x-request-id': 'req-http' } });
    expect(given.headers.get('x-request-id')).toBe('req-http');
    const made = await fetch(`${sync.url}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves Prometheus metrics and readiness of each dependency', async () => {
    await fetch(`${sync.url}/api/v1/clients/${[...sim.abs.store.organisations.keys()][0]}`);
    const text = await (await fetch(`${sync.url}/metrics`)).text();
    for (const name of [
      'corebridge_applied_total',
      'corebridge_consumer_lag_seconds',
      'corebridge_dead_letter_backlog',
      'corebridge_circuit_breaker_state',
      'corebridge_abs_pull_slots_limit',
    ])
      expect(text).toContain(name);
    expect(text).toMatch(
      /corebridge_http_request_duration_seconds_count\{route="\/api\/v1\/clients\/:id",status="200"\} 1/,
    );
    const ready = await fetch(`${sync.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'up',
      checks: { database: 'up', memory: 'up', initialLoad: 'done' },
    });
  });
});
