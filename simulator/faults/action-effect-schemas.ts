import { z } from 'zod';
import { MAX_MESSAGE_BYTES } from '../../infra/event-bus.ts';

/**
 * Effects that are not applied to traffic but make a system do something, once per activation
 * of the rule, through the handler the system registered with `engine.onAction(type, …)`.
 */

export const greyEditEffectSchema = z.strictObject({
  type: z.literal('grey-edit'),
  /** Records changed behind the API, no event emitted. Default 1. */
  count: z.number().int().positive().max(100_000).default(1),
  /** Which kind of record, in the system's vocabulary (`organisation`, `contact`…). Default: the system picks. */
  entity: z.string().min(1).optional(),
});

export const avalancheEffectSchema = z.strictObject({
  type: z.literal('avalanche'),
  /** Messages in the burst. Default 20. */
  messages: z.number().int().positive().max(10_000).default(20),
  /** Items (postings) per message, at most 10 000 as in the incident. Default 10 000. */
  itemsPerMessage: z.number().int().positive().max(10_000).default(10_000),
  /** Each message stays at or under this size. Default 1 000 000 bytes, just under the bus limit. */
  maxMessageBytes: z.number().int().positive().max(MAX_MESSAGE_BYTES).default(1_000_000),
  /** Age of what the burst is about, e.g. closing postings of accounts 10 years old. Default 3650 days. */
  olderThanDays: z.number().int().nonnegative().default(3_650),
});
