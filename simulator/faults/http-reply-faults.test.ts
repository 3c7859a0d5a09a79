import { afterEach, describe, expect, it } from 'vitest';
import { createFaultEngine, type FaultEngine } from './fault-engine.ts';
import { ORGANISATIONS, startFaultedApp } from './test-support/faulted-app.ts';
import { ManualClock } from './test-support/manual-clock.ts';

const LIST = '/abs/api/v1/organisations';
let cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

/** `sleeps` records every latency the middleware waited, so distributions are checked without wall time. */
async function appWith(rules: unknown[], options: { realSleep?: boolean } = {}) {
  const clock = new ManualClock();
  const sleeps: number[] = [];
  const engine: FaultEngine = createFaultEngine({
    seed: 11,
    clock,
    pollMs: 0,
    ...(options.realSleep ? {} : { sleep: async (ms: number) => void sleeps.push(ms) }),
  });
  for (const rule of rules) engine.add(rule);
  const app = await startFaultedApp(engine);
  cleanup.push(app.close);
  return { app, engine, clock, sleeps };
}

const injected = (engine: FaultEngine) => engine.journal.entries.filter((e) => e.kind === 'injected');

describe('HTTP latency, error rates and spoiled replies on the wire', () => {
  it('fixed latency: the reply comes no sooner than the delay', async () => {
    const { app, engine } = await appWith(
      [{ target: 'abs.rest', effect: { type: 'latency', distribution: { kind: 'fixed', ms: 300 } } }],
      { realSleep: true },
    );
    const started = performance.now();
    const response = await fetch(app.url + LIST);
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(await response.json()).toEqual(ORGANISATIONS);
    expect(injected(engine)[0]?.detail).toEqual({ method: 'GET', path: LIST, ms: 300 });
  });

  it('uniform latency: every wait is within bounds, as journaled', async () => {
    const { app, engine, sleeps } = await appWith([
      {
        target: 'abs.rest',
        effect: { type: 'latency', distribution: { kind: 'uniform', minMs: 100, maxMs: 200 } },
      },
    ]);
    for (let i = 0; i < 30; i++) expect((await fetch(app.url + LIST)).status).toBe(200);
    expect(sleeps).toHaveLength(30);
    expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(200);
    expect(new Set(sleeps).size).toBeGreaterThan(10);
    expect(injected(engine).map((e) => e.detail.ms)).toEqual(sleeps);
  });

  it('log-normal latency: median near the parameter, a long tail, capped', async () => {
    const { app, sleeps } = await appWith([
      {
        target: 'abs.rest',
        effect: {
          type: 'latency',
          distribution: { kind: 'lognormal', medianMs: 200, sigma: 1, capMs: 5_000 },
        },
      },
    ]);
    for (let i = 0; i < 200; i++) await (await fetch(app.url + LIST)).arrayBuffer();
    const sorted = [...sleeps].sort((a, b) => a - b);
    const median = sorted[100] as number;
    expect(median).toBeGreaterThan(140);
    expect(median).toBeLessThan(280);
    expect(sorted.at(-1)).toBeGreaterThan(3 * median);
    expect(sorted.at(-1)).toBeLessThanOrEqual(5_000);
  });

  it('error rate per status: about the configured share of each status reaches the client', async () => {
    const { app, engine } = await appWith([
      {
        target: 'abs.rest',
        effect: {
          type: 'error-rate',
          errors: [
            { status: 500, rate: 0.2 },
            { status: 504, rate: 0.1, code: 'ABS_TIMEOUT' },
          ],
        },
      },
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const response = await fetch(app.url + LIST);
      statuses.push(response.status);
      if (response.status === 504)
        expect(await response.json()).toMatchObject({ error: { code: 'ABS_TIMEOUT' } });
      else await response.arrayBuffer();
    }
    const count = (status: number) => statuses.filter((s) => s === status).length;
    expect(count(500)).toBeGreaterThan(35);
    expect(count(500)).toBeLessThan(85);
    expect(count(504)).toBeGreaterThan(12);
    expect(count(504)).toBeLessThan(50);
    expect(count(200)).toBe(300 - count(500) - count(504));
    expect(injected(engine).map((e) => e.detail.status)).toEqual(statuses.filter((s) => s !== 200));
  });

  it.each(['truncate', 'corrupt-bytes', 'drop-field'] as const)(
    'malformed (%s): a 200 whose body is not the JSON it should be, with a consistent Content-Length',
    async (mode) => {
      const { app } = await appWith([{ target: 'abs.rest', effect: { type: 'malformed', mode } }]);
      const response = await fetch(app.url + LIST);
      expect(response.status).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length'))).toBe(body.length);
      if (mode === 'drop-field') {
        const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        expect(Object.keys(parsed)).toHaveLength(1);
      } else {
        expect(() => JSON.parse(body.toString('utf8'))).toThrow(SyntaxError);
      }
    },
  );

  it('clock skew: the Date header and the timestamps at the path are an hour behind', async () => {
    const { app, clock } = await appWith([
      { target: 'abs.rest', effect: { type: 'clock-skew', ms: -3_600_000, field: 'items.*.updatedAt' } },
    ]);
    const response = await fetch(app.url + LIST);
    expect(Date.parse(response.headers.get('date') ?? '')).toBe(
      Math.floor((clock.now() - 3_600_000) / 1000) * 1000,
    );
    const body = (await response.json()) as typeof ORGANISATIONS;
    expect(body.items.map((o) => o.updatedAt)).toEqual([
      '2026-01-01T09:00:00.000Z',
      '2026-01-02T09:00:00.000Z',
    ]);
    expect(body.items.map((o) => o.name)).toEqual(['Alpha LLC', 'Beta JSC']);
  });

  it('rules stack in order: latency adds up before the first rule that answers', async () => {
    const { app, engine, sleeps } = await appWith([
      { target: 'abs.rest', effect: { type: 'latency', distribution: { kind: 'fixed', ms: 40 } } },
      { target: 'abs.rest', effect: { type: 'latency', distribution: { kind: 'fixed', ms: 60 } } },
      { target: 'abs.rest', effect: { type: 'outage' } },
      { target: 'abs.rest', effect: { type: 'latency', distribution: { kind: 'fixed', ms: 1_000 } } },
    ]);
    expect((await fetch(app.url + LIST)).status).toBe(503);
    expect(sleeps).toEqual([100]);
    expect(injected(engine).map((e) => e.ruleId)).toEqual(['rule-1', 'rule-2', 'rule-3']);
  });
});
