import { z } from 'zod';
import { type SequencedMessage, sequencedMessageSchema } from '../feeds/sequenced-message.ts';
import { crmRecordSchemas } from './crm-record-schemas.ts';
import { type CrmRecord, crmEntitySchema } from './crm-records.ts';

/** Topic of the CRM's MQ feed of client cards (companies, contacts) and authorities. */
export const CRM_MQ_TOPIC = 'crm.cards';

const crmRecordMetaSchema = z.looseObject({
  id: z.string(),
  externalId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
});

/**
 * One message of the `crm.cards` feed: the sequenced envelope around a neutral CRM record, whose
 * fields are checked against the (strict) record schema of the entity the envelope names.
 */
export const crmCardMessageSchema = sequencedMessageSchema(crmRecordMetaSchema).superRefine(
  (message, context) => {
    const entity = crmEntitySchema.safeParse(message.entity);
    if (!entity.success) {
      context.addIssue({
        code: 'custom',
        path: ['entity'],
        message: `unknown CRM entity "${message.entity}"`,
      });
      return;
    }
    if (message.state === null) return;
    for (const issue of crmRecordSchemas[entity.data].safeParse(message.state).error?.issues ?? [])
      context.addIssue({ code: 'custom', path: ['state', ...issue.path], message: issue.message });
  },
) as unknown as z.ZodType<SequencedMessage<CrmRecord>>;
