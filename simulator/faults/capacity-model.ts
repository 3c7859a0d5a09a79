import type { EffectOf } from './fault-effect-schema.ts';

export interface CapacityVerdict {
  readonly inFlight: number;
  /** Arrivals in the last second of clock time, this one included. */
  readonly rps: number;
  readonly overloaded: boolean;
  /** Answer 503 (after the delay): this request is one past the threshold. */
  readonly rejected: boolean;
  readonly delayMs: number;
}

/**
 * The ABS under load (incident I1): every request waits longer the more are in flight, and once
 * arrivals pass the threshold per second, everyone waits an extra penalty and the requests over
 * the threshold get 503. Rate is counted on the engine's clock over a sliding second.
 */
export class CapacityModel {
  private readonly effect: EffectOf<'capacity-collapse'>;
  private readonly arrivals: number[] = [];
  private inFlight = 0;

  constructor(effect: EffectOf<'capacity-collapse'>) {
    this.effect = effect;
  }

  /** Registers an arrival at `now`; call `leave()` once its response is closed. */
  arrive(now: number): CapacityVerdict {
    while (this.arrivals.length > 0 && (this.arrivals[0] as number) <= now - 1000) this.arrivals.shift();
    this.arrivals.push(now);
    this.inFlight++;
    const { thresholdRps, baseLatencyMs, latencyPerInFlightMs, overloadPenaltyMs, maxLatencyMs } =
      this.effect;
    const rps = this.arrivals.length;
    const overloaded = rps > thresholdRps;
    const delayMs = Math.min(
      maxLatencyMs,
      baseLatencyMs + latencyPerInFlightMs * (this.inFlight - 1) + (overloaded ? overloadPenaltyMs : 0),
    );
    return { inFlight: this.inFlight, rps, overloaded, rejected: overloaded, delayMs: Math.round(delayMs) };
  }

  leave(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }
}
