import type { Logger } from '../../infra/logger.ts';
import type { AbsClient } from '../abs/abs-client.ts';
import { syncDefaults } from '../defaults.ts';

/**
 * Pings the ABS every `everyMs` through the client every call goes through (slot, policy, and so
 * freshness): postings arrive only when something is booked, so without it a quiet account could
 * not be told from a dead ABS, and a dead ABS would open its breaker only once a pull needed it.
 */
export function startAbsProbe(options: {
  readonly abs: AbsClient;
  readonly log: Logger;
  readonly everyMs?: number;
}): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return; // a hanging ABS must not pile probes up
    running = true;
    options.abs
      .ping()
      .catch((error: Error) => options.log.debug({ err: error.message }, 'ABS probe failed'))
      .finally(() => {
        running = false;
      });
  }, options.everyMs ?? syncDefaults.absProbeEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
