import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  wrap,
} from 'cockatiel';
import type { Gauge } from 'prom-client';
import { syncDefaults } from '../defaults.ts';
import { isSourceUnavailableError } from '../http/get-json.ts';

export interface SourcePolicyOptions {
  /** `abs`, `crm` or `mdm`: the label of the breaker's metric. */
  readonly source: string;
  readonly breakerState?: Gauge<'source'>;
  /** Attempts per call before the failure goes back to the caller. Default `syncDefaults.sourceAttempts`. */
  readonly attempts?: number;
  /** First retry delay; doubles with full jitter up to 2 s. Default `syncDefaults.sourceRetryDelayMs`. */
  readonly initialDelayMs?: number;
  /** Consecutive failures that open the breaker. Default `syncDefaults.breakerOpenAfter`. */
  readonly openAfter?: number;
  /** How long the breaker stays open before it lets one call through. Default `syncDefaults.breakerHalfOpenAfterMs`. */
  readonly halfOpenAfterMs?: number;
}

/** A source call wrapped in retries (exponential backoff, jitter) inside a circuit breaker. */
export interface SourcePolicy {
  execute<T>(call: () => Promise<T>): Promise<T>;
  readonly state: 'closed' | 'half-open' | 'open';
}

const STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

function stateName(state: CircuitState): SourcePolicy['state'] {
  if (state === CircuitState.Closed) return 'closed';
  if (state === CircuitState.HalfOpen) return 'half-open';
  return 'open';
}

/**
 * The policy every point fetch from a source goes through (incident I7). Only a source that is
 * unavailable is retried and counts towards the breaker; a bad answer (schema, 404) is the
 * caller's to handle. While the breaker is open calls fail at once with `BrokenCircuitError`,
 * so a dead CRM or MDM is not hammered and the consumer's redelivery backs off instead.
 */
export function createSourcePolicy(options: SourcePolicyOptions): SourcePolicy {
  const unavailable = handleWhen(isSourceUnavailableError);
  const breaker = circuitBreaker(unavailable, {
    halfOpenAfter: options.halfOpenAfterMs ?? syncDefaults.breakerHalfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.openAfter ?? syncDefaults.breakerOpenAfter),
  });
  const retries = retry(unavailable, {
    maxAttempts: (options.attempts ?? syncDefaults.sourceAttempts) - 1,
    backoff: new ExponentialBackoff({
      initialDelay: options.initialDelayMs ?? syncDefaults.sourceRetryDelayMs,
      maxDelay: 2_000,
    }),
  });
  const policy = wrap(retries, breaker);
  const report = (state: CircuitState) =>
    options.breakerState?.set({ source: options.source }, STATE_VALUE[stateName(state)]);
  report(breaker.state);
  breaker.onStateChange(report);
  return {
    execute: (call) => policy.execute(() => call()),
    get state() {
      return stateName(breaker.state);
    },
  };
}
