import { describe, expect, it } from 'vitest';
import type { SourcePolicy } from '../resilience/source-policy.ts';
import { createSourceFreshness } from './source-freshness.ts';

function fakePolicy() {
  let state: SourcePolicy['state'] = 'closed';
  let fail = false;
  return {
    set: (next: SourcePolicy['state'], failing: boolean) => {
      state = next;
      fail = failing;
    },
    policy: {
      execute: async <T>(call: () => Promise<T>) => {
        if (fail) throw new Error('ABS down');
        return call();
      },
      get state() {
        return state;
      },
    } satisfies SourcePolicy,
  };
}

describe('source freshness', () => {
  const at = (iso: string) => Date.parse(iso);

  it('moves a row’s asOf on to the last successful call, and freezes it while the breaker is open', async () => {
    let now = at('2026-01-01T10:00:00Z');
    const freshness = createSourceFreshness({ now: () => now });
    const fake = fakePolicy();
    const abs = freshness.watch('abs', fake.policy);
    const row = new Date('2026-01-01T09:00:00Z');
    expect(freshness.asOf('abs', row)).toEqual(row); // never heard: the row's own stamp

    now = at('2026-01-01T10:42:00Z');
    await abs.execute(async () => 'ok');
    expect(freshness.asOf('abs', row).toISOString()).toBe('2026-01-01T10:42:00.000Z');
    expect(freshness.status('abs').state).toBe('up');

    now = at('2026-01-01T10:43:00Z');
    fake.set('open', true);
    await expect(abs.execute(async () => 'ok')).rejects.toThrow('ABS down');
    now = at('2026-01-01T10:50:00Z');
    expect(freshness.status('abs')).toEqual({
      name: 'abs',
      state: 'down',
      since: '2026-01-01T10:43:00.000Z',
    });
    expect(freshness.asOf('abs', row).toISOString()).toBe('2026-01-01T10:42:00.000Z');

    fake.set('half-open', true); // a trial call that fails again is no new "down since"
    await expect(abs.execute(async () => 'ok')).rejects.toThrow();
    expect(freshness.status('abs').since).toBe('2026-01-01T10:43:00.000Z');
  });

  it('is degraded while a topic of the source lags past the alarm, counting only what was applied', async () => {
    let now = at('2026-01-01T12:00:00Z');
    const freshness = createSourceFreshness({ now: () => now });
    const crm = freshness.watch('crm', fakePolicy().policy);
    await crm.execute(async () => 'ok'); // the CRM answers...
    now = at('2026-01-01T12:01:00Z');
    freshness.fed('crm.cards', at('2026-01-01T10:00:00Z'), true); // ...but its feed is 2 h behind
    const row = new Date('2026-01-01T09:00:00Z');
    expect(freshness.status('crm')).toEqual({
      name: 'crm',
      state: 'degraded',
      since: '2026-01-01T12:01:00.000Z',
    });
    expect(freshness.asOf('crm', row).toISOString()).toBe('2026-01-01T10:00:00.000Z');

    freshness.fed('crm.cards', at('2026-01-01T12:01:00Z'), false);
    expect(freshness.status('crm').state).toBe('up');
    // A source clock ahead of ours never makes the cache claim the future.
    freshness.fed('crm.cards', at('2026-01-01T13:00:00Z'), false);
    expect(freshness.asOf('crm', row).toISOString()).toBe('2026-01-01T12:01:00.000Z');
  });
});
