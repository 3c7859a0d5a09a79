import { afterEach, describe, expect, it } from 'vitest';
import { createFaultEngine, type FaultEngine } from './fault-engine.ts';
import type { HttpFaultOptions } from './http-faults.ts';
import { startFaultedApp } from './test-support/faulted-app.ts';
import { ManualClock } from './test-support/manual-clock.ts';

const LIST = '/abs/api/v1/organisations';
let cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of cleanup) await close();
  cleanup = [];
});

async function appWith(rule: unknown, options: HttpFaultOptions = {}, sleep?: (ms: number) => Promise<void>) {
  const clock = new ManualClock();
  const engine: FaultEngine = createFaultEngine({ seed: 3, clock, pollMs: 0, ...(sleep ? { sleep } : {}) });
  engine.add(rule);
  const app = await startFaultedApp(engine, 'crm.rest', options);
  cleanup.push(app.close);
  return { app, engine, clock };
}

const bitrix: HttpFaultOptions = {
  rateLimit: { status: 503, code: 'QUERY_LIMIT_EXCEEDED' },
  renderError: (status, code, message) => ({ status, body: { error: code, error_description: message } }),
};

const salesforce: HttpFaultOptions = {
  rateLimit: { status: 403, code: 'REQUEST_LIMIT_EXCEEDED' },
  renderError: (status, code, message) => ({ status, body: [{ message, errorCode: code }] }),
};

describe('HTTP vendor rate limits and capacity collapse on the wire', () => {
  it('Bitrix24: a burst passes, the next request gets 503 QUERY_LIMIT_EXCEEDED, the bucket drains with time', async () => {
    const { app, clock } = await appWith(
      { target: 'crm.rest', effect: { type: 'rate-limit', burst: 3, perSecond: 2 } },
      bitrix,
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(app.url + LIST)).status);
    const limited = await fetch(app.url + LIST);
    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.status).toBe(503);
    expect(await limited.json()).toEqual({
      error: 'QUERY_LIMIT_EXCEEDED',
      error_description: 'Request limit of 3 at once and 2/s exceeded. Slow down and retry.',
    });
    clock.advance(500);
    expect((await fetch(app.url + LIST)).status).toBe(200);
    expect((await fetch(app.url + LIST)).status).toBe(503);
  });

  it('Salesforce: the same rule answers 403 REQUEST_LIMIT_EXCEEDED in its error shape', async () => {
    const { app } = await appWith(
      { target: 'crm.rest', effect: { type: 'rate-limit', burst: 1, perSecond: 1 } },
      salesforce,
    );
    expect((await fetch(app.url + LIST)).status).toBe(200);
    const limited = await fetch(app.url + LIST);
    expect(limited.status).toBe(403);
    expect(await limited.json()).toEqual([
      { message: expect.any(String), errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
  });

  it('capacity collapse: latency grows with requests in flight, past the threshold 503 and everyone slower; only those journaled', async () => {
    const waits: number[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { app, engine, clock } = await appWith(
      {
        target: 'crm.rest',
        effect: {
          type: 'capacity-collapse',
          thresholdRps: 5,
          baseLatencyMs: 10,
          latencyPerInFlightMs: 10,
          overloadPenaltyMs: 500,
        },
      },
      {},
      // Every request waits at the gate, so all eight are in flight together.
      async (ms) => {
        waits.push(ms);
        await gate;
      },
    );
    const replies = Array.from({ length: 8 }, () => fetch(app.url + LIST));
    while (waits.length < 8) await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    const statuses = await Promise.all(replies.map(async (r) => (await r).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
    expect(waits).toEqual([10, 20, 30, 40, 50, 560, 570, 580]);
    // The five it let through are counted, not journaled: a standing rule must not journal healthy traffic.
    const details = engine.journal.entries.filter((e) => e.kind === 'injected').map((e) => e.detail);
    expect(details.map((d) => [d.overloaded, d.status])).toEqual([
      [true, 503],
      [true, 503],
      [true, 503],
    ]);
    const ruleId = engine.list()[0]?.id ?? '';
    expect(engine.journal.countsOf(ruleId)).toEqual({
      'rule-on': 1,
      admitted: 5,
      injected: 3,
      overloaded: 3,
      refused: 3,
    });

    // A second later, alone again: back to the base latency.
    clock.advance(1_001);
    expect((await fetch(app.url + LIST)).status).toBe(200);
    expect(waits.at(-1)).toBe(10);
    expect(engine.journal.countsOf(ruleId).admitted).toBe(6);
    expect(engine.journal.entries.filter((e) => e.kind === 'injected')).toHaveLength(3);
  });
});
