import { z } from 'zod';

/** Entities the bank writes to the CRM. Interaction history is written as completed tasks. */
export const crmWritableEntitySchema = z.enum(['company', 'contact', 'task']);
export type CrmWritableEntity = z.infer<typeof crmWritableEntitySchema>;

/**
 * The data of a `crm.write` event on `sync.processed`: fields of one record to set in the CRM, in
 * the neutral vocabulary of contracts/crm. The writer upserts by the bank's id (`externalId`) when
 * there is one, so a retried create never makes a second record.
 */
export const crmWriteSchema = z
  .object({
    entity: crmWritableEntitySchema,
    /** The CRM's id, when the record is known to exist there. */
    crmId: z.string().nullable(),
    /** The bank's id for the record. */
    externalId: z.string().nullable(),
    fields: z.record(z.string(), z.unknown()),
    /** The `bank_writes` rows this write carries (a superseded one's field is left out). */
    bankWriteIds: z.array(z.string()),
  })
  .refine((write) => write.crmId !== null || write.externalId !== null, {
    message: 'a CRM write names the record by crmId or externalId',
  });
export type CrmWrite = z.infer<typeof crmWriteSchema>;

export const CRM_WRITE_EVENT = 'crm.write';
