import { z } from 'zod';
import { sequencedMessageSchema } from '../feeds/sequenced-message.ts';

/** What the MDM owns about a client: legal details and bank requisites. */
export const mdmLegalDetailsSchema = z.object({
  clientId: z.uuid(),
  inn: z.string().regex(/^\d{10}(\d{2})?$/),
  kpp: z
    .string()
    .regex(/^\d{9}$/)
    .nullable(),
  ogrn: z.string().regex(/^\d{13}(\d{2})?$/),
  legalAddress: z.string(),
  bankRequisites: z.object({
    bankName: z.string(),
    bic: z.string().regex(/^\d{9}$/),
    correspondentAccount: z.string().regex(/^\d{20}$/),
    settlementAccounts: z.array(z.string().regex(/^\d{20}$/)),
  }),
  /** Per-client version: +1 on every change, emitted or not. */
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime(),
});
export type MdmLegalDetails = z.infer<typeof mdmLegalDetailsSchema>;

export const MDM_MQ_TOPIC = 'mdm.legal-details';
export const mdmMessageSchema = sequencedMessageSchema(mdmLegalDetailsSchema);

/** The reference sequence log for one entity: what the MDM emitted for it, for sampled validation. */
export const mdmReferenceSchema = z.object({
  entity: z.literal('legal-details'),
  id: z.uuid(),
  lastSequence: z.number().int().nonnegative(),
  lastEmittedAt: z.iso.datetime().nullable(),
});
