import { z } from 'zod';
import { sequencedMessageSchema } from '../feeds/sequenced-message.ts';
import { bankRequisitesSchema, innSchema, kppSchema, ogrnSchema } from '../ru/ru-identifier-schemas.ts';

/** What the MDM owns about a client: legal details and bank requisites. */
export const mdmLegalDetailsSchema = z.object({
  clientId: z.uuid(),
  inn: innSchema,
  kpp: kppSchema.nullable(),
  ogrn: ogrnSchema,
  legalAddress: z.string(),
  bankRequisites: bankRequisitesSchema,
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
