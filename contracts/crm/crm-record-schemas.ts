import { z } from 'zod';
import { type CrmEntity, crmFieldsSchemas } from './crm-records.ts';

/** The bookkeeping every neutral record carries besides its fields (CrmRecordMeta). */
const metaShape = {
  id: z.string().min(1),
  externalId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().nonnegative(),
};

/**
 * Whole neutral CRM records as the flavor-neutral channels carry them (the `crm.cards` MQ feed's
 * `state`, a CRM webhook's `record`), one schema per entity, built from the contract's field schemas.
 * Strict: a field the contract does not define (`isAdmin`) is refused, not cached and served on.
 */
export const crmRecordSchemas = {
  company: z.strictObject({ ...crmFieldsSchemas.company.shape, ...metaShape }),
  contact: z.strictObject({ ...crmFieldsSchemas.contact.shape, ...metaShape }),
  task: z.strictObject({ ...crmFieldsSchemas.task.shape, ...metaShape }),
  authority: z.strictObject({ ...crmFieldsSchemas.authority.shape, ...metaShape }),
} as const satisfies Record<CrmEntity, z.ZodType>;
