import { z } from 'zod';

/** Bodies and answers of the simulator's control API; the OpenAPI document is generated from these. */

export const controlErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), issues: z.array(z.string()).optional() }),
});

export const absGreyEditSchema = z.strictObject({
  /** The account whose balance is fixed straight in the ABS database. */
  accountId: z.uuid(),
  balanceMinor: z.number().int(),
});

/** Entries one journal page holds by default, and at most: an answer stays a few MB. */
export const JOURNAL_PAGE_LIMIT = { default: 1_000, max: 10_000 } as const;

export const journalQuerySchema = z.object({
  after: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe("Only entries with a seq after this: the previous page's next. Default 0, the oldest held."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(JOURNAL_PAGE_LIMIT.max)
    .default(JOURNAL_PAGE_LIMIT.default)
    .describe(
      `Entries in the page. Default ${JOURNAL_PAGE_LIMIT.default}, at most ${JOURNAL_PAGE_LIMIT.max}.`,
    ),
});

const journalEntrySchema = z.object({
  seq: z.number().int(),
  /** Clock time, ms since the epoch. */
  at: z.number(),
  ruleId: z.string(),
  target: z.string(),
  effect: z.string(),
  kind: z.enum(['rule-on', 'rule-off', 'injected', 'action']),
  detail: z.record(z.string(), z.unknown()),
});

export const journalPageSchema = z.object({
  entries: z.array(journalEntrySchema),
  /** Pass as `after` for the next page; null when this page ends at the newest entry. */
  next: z.number().int().nullable(),
  /** Entries that fell out of the journal (its oldest seqs): a page after them starts at the oldest held. */
  dropped: z.number().int(),
  totals: z.object({
    /** Entries ever journaled: the newest seq. */
    appended: z.number().int(),
    held: z.number().int(),
    /** Entries the journal holds at most (the simulator's `journalCapacity`). */
    capacity: z.number().int(),
    /** Exact counts per rule id, dropped entries included: entries by kind, and outcomes counted without an entry (`admitted`, `overloaded`, `refused` of a capacity model). */
    byRule: z.record(z.string(), z.record(z.string(), z.number().int())),
  }),
});

export const clockSchema = z.object({
  /** The simulator's clock (scenario time on a compressed run), ISO 8601. */
  now: z.iso.datetime(),
  /** Fault windows count from here. */
  faultEngineStart: z.iso.datetime(),
});

export const crmGreyEditSchema = z.strictObject({
  entity: z.enum(['company', 'contact', 'task', 'authority']),
  id: z.string().min(1),
  /** Fields in the CRM's neutral names (contracts/crm/crm-records.ts). */
  patch: z.record(z.string(), z.unknown()),
});

export const mdmGreyEditSchema = z.strictObject({
  clientId: z.uuid(),
  patch: z
    .strictObject({
      kpp: z
        .string()
        .regex(/^\d{9}$/)
        .nullable()
        .optional(),
      legalAddress: z.string().min(1).optional(),
    })
    .refine((patch) => Object.keys(patch).length > 0, 'change at least one field')
    // The refinement does not reach the OpenAPI document; this says the same there.
    .meta({ minProperties: 1 }),
});

export const resetSchema = z.strictObject({ seed: z.number().int().nonnegative() });

/**
 * The farthest one call moves the clock: ten years. Further, dates leave what JavaScript can
 * represent and every timestamp the simulator writes would throw.
 */
export const MAX_CLOCK_ADVANCE_MS = 10 * 365 * 24 * 3_600_000;

/** Moves the simulator's clock forward, e.g. to the night of the reconciliation job. */
export const clockAdvanceSchema = z.strictObject({
  ms: z.number().int().nonnegative().max(MAX_CLOCK_ADVANCE_MS),
});
