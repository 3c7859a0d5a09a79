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

export const journalQuerySchema = z.object({
  /** Only entries after this journal sequence number. Default 0 (all). */
  after: z.coerce.number().int().nonnegative().default(0),
});

export const clockSchema = z.object({
  /** The simulator's clock (scenario time on a compressed run), ISO 8601. */
  now: z.iso.datetime(),
  /** Fault windows count from here. */
  faultEngineStart: z.iso.datetime(),
});
