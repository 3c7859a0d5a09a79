import type { PullSlots } from '../limiter/pull-slots.ts';
import type { SourcePolicy } from '../resilience/source-policy.ts';
import type { AbsClient } from './abs-client.ts';

/**
 * The ABS client every part of the sync service uses: each call holds one of the global slots
 * (incident I1) and goes through the ABS's source policy (retries with backoff and jitter outside
 * the slot, so a waiting retry does not hold one; a circuit breaker in front).
 */
export function limitAbsClient(abs: AbsClient, slots: PullSlots, policy: SourcePolicy): AbsClient {
  const limited =
    <A extends unknown[], T>(call: (...args: A) => Promise<T>) =>
    (...args: A) =>
      policy.execute(() => slots.run(() => call(...args)));
  return {
    listOrganisations: limited(abs.listOrganisations),
    accountsOf: limited(abs.accountsOf),
    postingsAfter: limited(abs.postingsAfter),
    ping: limited(abs.ping),
  };
}
