import { z } from 'zod';
import type { SequencedMessage } from '../feeds/sequenced-message.ts';
import { crmCardMessageSchema } from './crm-card-message.ts';
import type { CrmRecord } from './crm-records.ts';

/**
 * The reference log of the CRM's `crm.cards` MQ feed for one record (incident I6): the last
 * sequence number the feed gave it and that message itself, as the MQ carried it or would have.
 * Sampled validation compares the first with the cache's position and, when the cache is behind,
 * applies the second: the vendors' REST APIs do not carry the CRM's record version, the feed does.
 */
export const crmFeedReferenceSchema = z.object({
  entity: z.string(),
  id: z.string(),
  lastSequence: z.number().int().nonnegative(),
  lastEmittedAt: z.iso.datetime().nullable(),
  lastMessage: crmCardMessageSchema.nullable(),
});
export type CrmFeedReference = Omit<z.infer<typeof crmFeedReferenceSchema>, 'lastMessage'> & {
  lastMessage: SequencedMessage<CrmRecord> | null;
};
