import type { Scenario } from 'k6/options';
import { numberEnv } from './target.ts';

/**
 * A constant-arrival-rate scenario of RATE iterations per second (default `defaultRate`) for
 * DURATION (default 20 s), with a second's worth of VUs allocated up front: VUs made mid-run
 * arrive late on a busy machine and show as dropped iterations.
 */
export function constantArrival(defaultRate: number): Scenario {
  const rate = numberEnv('RATE', defaultRate);
  return {
    executor: 'constant-arrival-rate',
    rate,
    timeUnit: '1s',
    duration: __ENV.DURATION || '20s',
    preAllocatedVUs: Math.max(8, rate),
    maxVUs: Math.max(40, rate * 3),
  };
}
