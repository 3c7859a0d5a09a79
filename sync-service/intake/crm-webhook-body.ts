import { z } from 'zod';
import { crmChangeSchema } from '../../contracts/crm/crm-records.ts';
import { PG_INTEGER_MAX } from '../db/pg-integer.ts';

// Versions land in `crm_records.version` (integer): a larger one would be answered 202 and then
// fail every inbox batch that holds it, so it is refused here, before the answer.
const version = z.number().int().positive().max(PG_INTEGER_MAX);

/** The body of every CRM webhook: the change and the record's full state after it (null once deleted). */
export const crmWebhookBodySchema = z.object({
  deliveryId: z.string().min(1),
  change: crmChangeSchema.extend({ sequence: version }),
  record: z.looseObject({ id: z.string(), version }).nullable(),
});
export type CrmWebhookBody = z.infer<typeof crmWebhookBodySchema>;
