import { describe, expect, it } from 'vitest';
import { adjustableClock } from '../../infra/clock.ts';
import { QuotaThrottle } from './quota-throttle.ts';

const frozen = () => adjustableClock({ now: () => 1_000_000 });
const settledWithin = async (promise: Promise<unknown>, ms = 100) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

describe('the CRM quota throttle', () => {
  it('lets a burst through at once, then one request per drained slot', async () => {
    const clock = frozen();
    const throttle = new QuotaThrottle({ burst: 3, perSecond: 1, clock });
    for (let i = 0; i < 3; i++) expect(await settledWithin(throttle.acquire())).toBe(true);
    const fourth = throttle.acquire();
    expect(await settledWithin(fourth)).toBe(false);
    clock.advance(1_000);
    expect(await settledWithin(fourth)).toBe(true);
  });

  it('learns from a refusal that the CRM’s bucket is full, and counts later refusals apart', async () => {
    const clock = frozen();
    const throttle = new QuotaThrottle({ burst: 10, perSecond: 2, clock });
    const ticket = await throttle.acquire();
    throttle.full(ticket);
    expect(throttle.refusals).toBe(1);
    // Someone else filled the portal's bucket: ours is full too now, and waits for it to drain.
    const next = throttle.acquire();
    expect(await settledWithin(next)).toBe(false);
    clock.advance(500);
    const learned = await next;
    expect(learned.learned).toBe(true);
    throttle.full(learned);
    expect(throttle.refusalsAfterLearning).toBe(1);
  });

  it('holds every request while the CRM says its allowance is spent', async () => {
    const clock = frozen();
    const throttle = new QuotaThrottle({ burst: 10, perSecond: 10, clock });
    throttle.pauseUntil(clock.now() + 60_000);
    const held = throttle.acquire();
    expect(await settledWithin(held)).toBe(false);
    clock.advance(60_000);
    expect(await settledWithin(held)).toBe(true);
  });
});
