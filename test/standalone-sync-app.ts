import { systemClock } from '../infra/clock.ts';
import type { EventBus } from '../infra/event-bus.ts';
import type { Logger } from '../infra/logger.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import type { createPool } from '../sync-service/db/create-pool.ts';
import { createSourceFreshness } from '../sync-service/freshness/source-freshness.ts';
import { syncApp } from '../sync-service/http/sync-app.ts';
import type { PullSlots } from '../sync-service/limiter/pull-slots.ts';
import { createSyncMetrics } from '../sync-service/metrics.ts';

const slots: PullSlots = { limit: 1, run: (call) => call(), inUse: async () => 0 };

/**
 * The sync service's HTTP face alone, without consumers or jobs, on the pool and bus a test gives
 * (often ones that cannot connect): for what the app answers when its dependencies misbehave.
 */
export function standaloneSyncApp(options: {
  readonly pool: ReturnType<typeof createPool>;
  readonly log: Logger;
  readonly bus?: EventBus;
  readonly webhookSecrets?: readonly string[];
}) {
  const bus = options.bus ?? createMemoryBus();
  return syncApp({
    pool: options.pool,
    bus,
    mq: createMemoryBus(),
    metrics: createSyncMetrics(),
    clock: systemClock,
    freshness: createSourceFreshness(systemClock),
    slots,
    webhookSecrets: [...(options.webhookSecrets ?? [])],
    isLoaded: () => true,
    log: options.log,
  });
}
