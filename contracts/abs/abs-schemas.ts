import { z } from 'zod';
import { accountNumberSchema, innSchema } from '../ru/ru-identifier-schemas.ts';

/** Wire formats of the ABS (core banking) REST API and its Kafka events, shared by simulator and sync service. */

export const absAccountSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  /** 20-digit Russian account number (the ABS does not say its BIC here, so its key is not checked). */
  number: accountNumberSchema,
  currency: z.enum(['RUB', 'USD', 'EUR', 'CNY']),
  /** Minor units (kopecks) keep money exact. */
  balanceMinor: z.number().int(),
  /** Sequence number of the last posting on this account; 0 before the first. */
  lastSequence: z.number().int().nonnegative(),
});
export type AbsAccount = z.infer<typeof absAccountSchema>;

export const absOrganisationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** 10 digits for a legal entity, 12 for a sole proprietor. */
  inn: innSchema,
});
export type AbsOrganisation = z.infer<typeof absOrganisationSchema>;

export const absOrganisationPageSchema = z.object({
  items: z.array(absOrganisationSchema),
  total: z.number().int().nonnegative(),
  nextOffset: z.number().int().nonnegative().nullable(),
});

export const absAccountsResponseSchema = z.object({
  organisationId: z.uuid(),
  accounts: z.array(absAccountSchema),
});

/** Event on topic `abs.postings`, keyed by organisation id; `sequence` counts per account from 1. */
export const absPostingEventSchema = z.object({
  postingId: z.uuid(),
  accountId: z.uuid(),
  organisationId: z.uuid(),
  accountNumber: z.string().regex(/^\d{20}$/),
  currency: absAccountSchema.shape.currency,
  sequence: z.number().int().positive(),
  amountMinor: z.number().int(),
  balanceAfterMinor: z.number().int(),
  bookedAt: z.iso.datetime(),
  description: z.string(),
});
export type AbsPostingEvent = z.infer<typeof absPostingEventSchema>;

/**
 * A batch job's message closing years-old periods (incident I4): up to 10 000 postings, just under
 * 1 MB. They carry no account sequence and change no current balance.
 */
export const absClosingPostingSchema = z.object({
  postingId: z.string().min(1),
  accountId: z.uuid(),
  organisationId: z.uuid(),
  bookedAt: z.iso.datetime(),
  amountMinor: z.number().int(),
  description: z.string(),
});
export type AbsClosingPosting = z.infer<typeof absClosingPostingSchema>;
export const absClosingPostingsMessageSchema = z.object({
  type: z.literal('closing-postings'),
  postings: z.array(absClosingPostingSchema).max(10_000),
});

export const absPostingsResponseSchema = z.object({
  accountId: z.uuid(),
  postings: z.array(absPostingEventSchema),
});

export const ABS_POSTINGS_TOPIC = 'abs.postings';

/** Event on topic `abs.balances`, keyed by organisation id: the account's balance after a posting. */
export const absBalanceEventSchema = z.object({
  accountId: z.uuid(),
  organisationId: z.uuid(),
  balanceMinor: z.number().int(),
  /** The sequence of the posting that produced this balance. */
  sequence: z.number().int().positive(),
  asOf: z.iso.datetime(),
});
export type AbsBalanceEvent = z.infer<typeof absBalanceEventSchema>;

export const ABS_BALANCES_TOPIC = 'abs.balances';

/** First line of the snapshot export (NDJSON): when it was taken and how many accounts follow. */
export const absSnapshotHeaderSchema = z.object({
  snapshotAt: z.iso.datetime(),
  accounts: z.number().int().nonnegative(),
});
