import type { Clock } from '../../../infra/clock.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The org's daily API request allowance, as `Sforce-Limit-Info: api-usage=used/limit` reports it.
 * Salesforce counts over a rolling 24 hours; the simulator starts a fresh count at each UTC midnight
 * of the injected clock, which is what a scenario needs to exhaust and then regain its quota.
 */
export class SalesforceApiUsage {
  private readonly clock: Clock;
  private day: number;
  private count = 0;
  limit: number;

  constructor(dailyLimit: number, clock: Clock) {
    if (!Number.isInteger(dailyLimit) || dailyLimit < 0) {
      throw new Error(
        `Failed to set the Salesforce API limit: ${dailyLimit} is not a non-negative integer. Use e.g. 15000.`,
      );
    }
    this.limit = dailyLimit;
    this.clock = clock;
    this.day = Math.floor(clock.now() / DAY_MS);
  }

  get used(): number {
    this.rollOver();
    return this.count;
  }

  /** Counts one request; false when the allowance is spent (the request is refused and not counted). */
  consume(): boolean {
    this.rollOver();
    if (this.count >= this.limit) return false;
    this.count += 1;
    return true;
  }

  /** Sets the count directly, e.g. for a scenario that starts with the quota nearly spent. */
  setUsed(count: number): void {
    this.rollOver();
    this.count = count;
  }

  header(): string {
    return `api-usage=${this.used}/${this.limit}`;
  }

  private rollOver(): void {
    const today = Math.floor(this.clock.now() / DAY_MS);
    if (today !== this.day) {
      this.day = today;
      this.count = 0;
    }
  }
}
