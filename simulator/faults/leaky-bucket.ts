/** A leaky bucket's size: Bitrix24's is 50 at once, drained 2 per second (250 and 5 on Enterprise plans). */
export interface LeakyBucketOptions {
  /** Requests the bucket holds before it refuses. */
  readonly burst: number;
  /** Requests drained per second. */
  readonly perSecond: number;
}

/**
 * A vendor's request limit as a leaky bucket: every request adds one to a level that drains
 * `perSecond` per second; a request that would lift it above `burst` is refused and adds nothing.
 * Time is passed in (the engine's or the flavor's clock), so a scenario on a compressed clock gets
 * the limit in scenario seconds and the same requests at the same times are admitted the same way.
 * Used by the `rate-limit` fault effect and by the Bitrix24 flavor's own limit.
 */
export class LeakyBucket {
  private filled = 0;
  private lastAt: number | undefined;
  private readonly options: LeakyBucketOptions;

  constructor(options: LeakyBucketOptions) {
    if (!(options.burst >= 1) || !(options.perSecond > 0)) {
      throw new Error(
        `Failed to create a leaky bucket: burst ${options.burst} / perSecond ${options.perSecond} are out of range. Use burst ≥ 1 and perSecond > 0.`,
      );
    }
    this.options = options;
  }

  /** How full the bucket is at `now`, in requests. */
  levelAt(now: number): number {
    this.drain(now);
    return this.filled;
  }

  /** Admits one request at `now` if the bucket has room; a refused request does not fill it. */
  take(now: number): { admitted: boolean; level: number } {
    this.drain(now);
    if (this.filled + 1 > this.options.burst + 1e-9) return { admitted: false, level: this.filled };
    this.filled += 1;
    return { admitted: true, level: this.filled };
  }

  private drain(now: number): void {
    if (this.lastAt !== undefined) {
      this.filled = Math.max(0, this.filled - ((now - this.lastAt) / 1000) * this.options.perSecond);
    }
    this.lastAt = now;
  }
}
