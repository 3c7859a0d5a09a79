import { isBrokenCircuitError } from 'cockatiel';
import { Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { SourceUnavailableError } from '../http/get-json.ts';
import { createSourcePolicy } from './source-policy.ts';

const down = () => Promise.reject(new SourceUnavailableError('MDM down'));

describe('createSourcePolicy', () => {
  it('retries an unavailable source and returns its first good answer', async () => {
    const policy = createSourcePolicy({ source: 'mdm', initialDelayMs: 1 });
    let calls = 0;
    const answer = await policy.execute(async () => {
      calls += 1;
      if (calls < 3) throw new SourceUnavailableError('blip');
      return 'ok';
    });
    expect(answer).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry an error that is not about availability', async () => {
    const policy = createSourcePolicy({ source: 'mdm', initialDelayMs: 1 });
    let calls = 0;
    const failing = policy.execute(async () => {
      calls += 1;
      throw new TypeError('schema');
    });
    await expect(failing).rejects.toThrow('schema');
    expect(calls).toBe(1);
  });

  it('opens after consecutive failures, fails fast while open, and reports its state as a metric', async () => {
    const registry = new Registry();
    const gauge = new Gauge({ name: 'breaker', help: 'x', labelNames: ['source'], registers: [registry] });
    const policy = createSourcePolicy({
      source: 'mdm',
      breakerState: gauge,
      attempts: 1,
      openAfter: 2,
      halfOpenAfterMs: 60_000,
    });
    await expect(policy.execute(down)).rejects.toThrow('MDM down');
    await expect(policy.execute(down)).rejects.toThrow('MDM down');
    expect(policy.state).toBe('open');
    let called = false;
    const blocked = await policy
      .execute(async () => {
        called = true;
      })
      .catch((error: unknown) => error);
    expect(isBrokenCircuitError(blocked)).toBe(true);
    expect(called).toBe(false);
    expect((await gauge.get()).values[0]?.value).toBe(2);
  });
});
