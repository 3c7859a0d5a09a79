/**
 * A vendor's request limit as a leaky bucket (Bitrix24: 50 at once, then 2 per second). Time is
 * the engine's clock, so a scenario on a compressed clock gets the limit in scenario seconds and
 * the same requests at the same clock times are admitted or refused the same way.
 */
export class LeakyBucket {
  private level = 0;
  private lastAt: number | undefined;
  private readonly burst: number;
  private readonly perSecond: number;

  constructor(burst: number, perSecond: number) {
    this.burst = burst;
    this.perSecond = perSecond;
  }

  /** Admits one request at `now` if the bucket has room; a refused request does not fill it. */
  take(now: number): { admitted: boolean; level: number } {
    if (this.lastAt !== undefined) {
      this.level = Math.max(0, this.level - ((now - this.lastAt) / 1000) * this.perSecond);
    }
    this.lastAt = now;
    if (this.level + 1 > this.burst + 1e-9) return { admitted: false, level: this.level };
    this.level += 1;
    return { admitted: true, level: this.level };
  }
}
