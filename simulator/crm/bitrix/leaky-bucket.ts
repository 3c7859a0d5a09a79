import type { Clock } from '../../../infra/clock.ts';

export interface LeakyBucketOptions {
  /** Requests the bucket holds before it blocks. Bitrix24: 50 (250 on Enterprise plans). */
  readonly burst: number;
  /** Requests drained per second. Bitrix24: 2 (5 on Enterprise plans). */
  readonly perSecond: number;
}

/**
 * Bitrix24's request-rate limit: every request adds one to a counter that drains `perSecond` per
 * second; a request that would lift it above `burst` is refused (HTTP 503 QUERY_LIMIT_EXCEEDED) and
 * adds nothing. Drains in the clock's time, so a compressed scenario clock drains it faster too.
 */
export class LeakyBucket {
  private readonly options: LeakyBucketOptions;
  private readonly clock: Clock;
  private filled = 0;
  private at: number;

  constructor(options: LeakyBucketOptions, clock: Clock) {
    if (!(options.burst >= 1) || !(options.perSecond > 0)) {
      throw new Error(
        `Failed to create a leaky bucket: burst ${options.burst} / perSecond ${options.perSecond} are out of range. Use burst ≥ 1 and perSecond > 0.`,
      );
    }
    this.options = options;
    this.clock = clock;
    this.at = clock.now();
  }

  /** How full the bucket is now, in requests. */
  get level(): number {
    this.drain();
    return this.filled;
  }

  /** Counts one request; false when the bucket is full and the request must be refused. */
  take(): boolean {
    this.drain();
    if (this.filled + 1 > this.options.burst) return false;
    this.filled += 1;
    return true;
  }

  private drain(): void {
    const now = this.clock.now();
    this.filled = Math.max(0, this.filled - ((now - this.at) / 1000) * this.options.perSecond);
    this.at = now;
  }
}
