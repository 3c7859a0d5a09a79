import { z } from 'zod';

/** Every change the sync service commits bank-side is announced here (the outbox's topic). */
export const SYNC_PROCESSED_TOPIC = 'sync.processed';
/** Announcements no consumer could carry out (e.g. the CRM refused the write) end up here. */
export const SYNC_FAILED_TOPIC = 'sync.failed';

/**
 * One `sync.processed` event: the outbox row's id is the event id, so a consumer that sees an event
 * twice (the dispatcher publishes at least once) knows it by its id.
 */
export const syncEventSchema = z.object({
  eventId: z.string().regex(/^\d+$/),
  /** What the event is about, e.g. `company:001...`: events of one aggregate arrive in order. */
  aggregate: z.string().min(1),
  type: z.string().min(1),
  /** Source time of the change (the bank's clock), ISO 8601. */
  occurredAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type SyncEvent = z.infer<typeof syncEventSchema>;
