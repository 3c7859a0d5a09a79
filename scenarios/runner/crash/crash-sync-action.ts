import { z } from 'zod';
import { durationSchema } from '../duration.ts';

/**
 * `crash-sync`: the sync service dies as under `kill -9` — no graceful stop, in-flight transactions
 * and uncommitted consumer offsets lost — and a new instance starts on the same database, bus and
 * port after `restartAfter`. With `times` > 1 the crashes land at seeded random points spread over
 * the entry's window (`at` for `for`, default: to the end of the run), so they hit batches, webhook
 * deliveries and the restart's own initial load wherever they happen to be.
 */
export const crashSyncActionSchema = z.strictObject({
  type: z.literal('crash-sync'),
  /** Crashes in the window. Default 1. */
  times: z.number().int().min(1).max(50).default(1),
  /** Scenario time the service stays down before the new instance starts. Default 0. */
  restartAfter: durationSchema.default(0),
});

export type CrashSyncAction = z.output<typeof crashSyncActionSchema>;
