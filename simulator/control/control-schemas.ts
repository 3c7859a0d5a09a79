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
    .refine((patch) => Object.keys(patch).length > 0, 'change at least one field'),
});

export const resetSchema = z.strictObject({ seed: z.number().int().nonnegative() });

/** Moves the simulator's clock forward, e.g. to the night of the reconciliation job. */
export const clockAdvanceSchema = z.strictObject({ ms: z.number().int().nonnegative() });
