import { z } from 'zod';
import { type CrmEntity, crmFieldsSchemas } from '../../contracts/crm/crm-records.ts';

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
 */
export const crmRecordSchemas = {
  company: crmFieldsSchemas.company.extend(metaShape),
  contact: crmFieldsSchemas.contact.extend(metaShape),
  task: crmFieldsSchemas.task.extend(metaShape),
  authority: crmFieldsSchemas.authority.extend(metaShape),
} as const satisfies Record<CrmEntity, z.ZodType>;
