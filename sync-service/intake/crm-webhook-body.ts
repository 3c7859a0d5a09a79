import { z } from 'zod';
import { crmChangeSchema } from '../../contracts/crm/crm-records.ts';

/** The body of every CRM webhook: the change and the record's full state after it (null once deleted). */
export const crmWebhookBodySchema = z.object({
  deliveryId: z.string().min(1),
  change: crmChangeSchema,
  record: z.looseObject({ id: z.string(), version: z.number().int().positive() }).nullable(),
});
export type CrmWebhookBody = z.infer<typeof crmWebhookBodySchema>;
