import { z } from 'zod';
import { salesforceIdSchema } from './salesforce-id.ts';

/** Topic the bank's Salesforce change data capture is relayed to. */
export const SALESFORCE_CDC_TOPIC = 'crm.salesforce.cdc';

const changeTypes = ['CREATE', 'UPDATE', 'DELETE', 'UNDELETE'] as const;
const gapTypes = ['GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW'] as const;

/**
 * A record id of the event, or `*` for Salesforce's `001*`: every record of the object, sent when
 * a custom field's type conversion changed them all. Anything else is off the contract, so the
 * event is parked rather than read as naming a record that is not there.
 */
const recordId = z.union([
  z
    .string()
    .regex(/^[0-9A-Za-z]{3}\*$/)
    .transform(() => '*' as const),
  salesforceIdSchema,
]);

/**
 * A Change Data Capture event as Salesforce sends it: the header, then the changed fields by their
 * API names (none in a `GAP_*` event, which Salesforce sends when it could not produce the event).
 */
export const salesforceChangeEventSchema = z.object({
  schema: z.string(),
  payload: z
    .object({
      ChangeEventHeader: z.object({
        entityName: z.string(),
        recordIds: z.array(recordId),
        changeType: z.enum([...changeTypes, ...gapTypes]),
        changeOrigin: z.string(),
        transactionKey: z.string(),
        sequenceNumber: z.number().int(),
        commitTimestamp: z.number().int(),
        commitNumber: z.number().int(),
        commitUser: z.string(),
        nulledFields: z.array(z.string()),
        diffFields: z.array(z.string()),
        changedFields: z.array(z.string()),
      }),
    })
    .loose(),
  event: z.object({ replayId: z.number().int() }),
});
export type SalesforceChangeEvent = z.infer<typeof salesforceChangeEventSchema>;
