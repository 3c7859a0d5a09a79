import { z } from 'zod';
import { crmRecordSchemas } from '../../contracts/crm/crm-record-schemas.ts';
import { crmChangeSchema } from '../../contracts/crm/crm-records.ts';
import { PG_INTEGER_MAX } from '../db/pg-integer.ts';

// Versions land in `crm_records.version` (integer): a larger one would be answered 202 and then
// fail every inbox batch that holds it, so it is refused here, before the answer.
const version = z.number().int().positive().max(PG_INTEGER_MAX);

/**
 * The body of every CRM webhook: the change and the record's full state after it (null once
 * deleted). The record is checked against the contract's strict schema of the entity the change
 * names (check digits of INN/KPP/OGRN, no fields the contract does not define): what passes here
 * is cached and served to the internet bank as the CRM's word.
 */
export const crmWebhookBodySchema = z
  .object({
    deliveryId: z.string().min(1),
    change: crmChangeSchema.extend({ sequence: version }),
    record: z.looseObject({ id: z.string(), version }).nullable(),
  })
  .superRefine((body, context) => {
    if (body.record === null) return;
    for (const issue of crmRecordSchemas[body.change.entity].safeParse(body.record).error?.issues ?? []) {
      const at = ['record', ...issue.path];
      // One issue per unknown field, so the answer names each by its path (`record.isAdmin`).
      if (issue.code === 'unrecognized_keys')
        for (const key of issue.keys)
          context.addIssue({ code: 'custom', path: [...at, key], message: 'not a field of the contract' });
      else context.addIssue({ code: 'custom', path: at, message: issue.message });
    }
  });
export type CrmWebhookBody = z.infer<typeof crmWebhookBodySchema>;
