import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../infra/clock.ts';

export interface QuotaThrottleOptions {
  /** Requests the CRM lets through at once before it refuses. Bitrix24: 50. */
  readonly burst: number;
  /** Requests per second the CRM's bucket drains. Bitrix24: 2. */
  readonly perSecond: number;
  /** Time to wait in; the scenario clock in chaos runs. */
  readonly clock: Clock;
}

/**
 * The CRM's request quota as seen from our side, kept apart from the circuit breaker: a refused
 * request means "slow down", not "the CRM is down". A client-side leaky bucket with the CRM's own
 * numbers: each request waits until it fits. The CRM's bucket is shared with everything else that
 * calls the portal, so ours can think it has room when the CRM's has none; a refusal (`full()`)
 * teaches it the CRM's real level, and from then on our requests stay under the bucket.
 */
export class QuotaThrottle {
  private readonly options: QuotaThrottleOptions;
  private level = 0;
  private at: number;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  /** Refusals the CRM answered with: each one taught the throttle. */
  refusals = 0;
  /** Refusals of requests let through after the throttle had learned the CRM's level once. */
  refusalsAfterLearning = 0;

  constructor(options: QuotaThrottleOptions) {
    this.options = options;
    this.at = options.clock.now();
  }

  /**
   * Waits until one more request fits the bucket, then counts it. Callers are served in order.
   * The ticket tells `full()` whether the refused request was let through by a throttle that had
   * learned the CRM's level already.
   */
  acquire(): Promise<{ readonly learned: boolean }> {
    const turn = this.queue.then(async () => {
      await this.waitForRoom();
      return { learned: this.refusals > 0 };
    });
    this.queue = turn.then(() => {}).catch(() => {});
    return turn;
  }

  /** The CRM refused a request for its quota: its bucket is full now. */
  full(ticket?: { readonly learned: boolean }): void {
    if (ticket?.learned) this.refusalsAfterLearning += 1;
    this.refusals += 1;
    this.drain();
    this.level = this.options.burst;
  }

  /** The CRM says its allowance is spent until `until` (e.g. Salesforce's daily limit): hold every request. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  private async waitForRoom(): Promise<void> {
    for (;;) {
      this.drain();
      const now = this.options.clock.now();
      if (now >= this.pausedUntil && this.level + 1 <= this.options.burst) {
        this.level += 1;
        return;
      }
      const untilRoom = ((this.level + 1 - this.options.burst) / this.options.perSecond) * 1000;
      // Polls the clock in short real steps: the clock may run faster than real time.
      await sleep(Math.min(50, Math.max(1, Math.max(untilRoom, this.pausedUntil - now))));
    }
  }

  private drain(): void {
    const now = this.options.clock.now();
    this.level = Math.max(0, this.level - ((now - this.at) / 1000) * this.options.perSecond);
    this.at = now;
  }
}
