import { z } from 'zod';
import { innSchema, kppSchema, ogrnSchema } from '../ru/ru-identifier-schemas.ts';

/**
 * The CRM's records in one vendor-neutral vocabulary. The Salesforce and Bitrix24 flavors of the
 * simulator map these to and from their wire formats; the MQ feed carries them as they are.
 */

export const crmEntitySchema = z.enum(['company', 'contact', 'task', 'authority']);
export type CrmEntity = z.infer<typeof crmEntitySchema>;

const customFieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const crmCompanyFieldsSchema = z.object({
  name: z.string().min(1),
  inn: innSchema,
  kpp: kppSchema.nullable(),
  ogrn: ogrnSchema.nullable(),
  segment: z.enum(['small', 'medium', 'large']),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  legalAddress: z.string().nullable(),
  /** Vendor-specific extra fields (Bitrix `UF_CRM_*`, Salesforce `*__c`), by their neutral name. */
  custom: z.record(z.string(), customFieldValue),
});

export const crmContactFieldsSchema = z.object({
  companyId: z.string(),
  firstName: z.string(),
  lastName: z.string().min(1),
  middleName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  position: z.string().nullable(),
});

export const crmTaskFieldsSchema = z.object({
  companyId: z.string(),
  contactId: z.string().nullable(),
  subject: z.string().min(1),
  description: z.string().nullable(),
  status: z.enum(['open', 'in-progress', 'done']),
  dueDate: z.iso.date().nullable(),
});

/** Who may sign payments, and which accounts a person sees: what the internet bank enforces. */
export const crmAuthorityFieldsSchema = z.object({
  companyId: z.string(),
  contactId: z.string(),
  kind: z.enum(['sign-payments', 'view-accounts']),
  accountIds: z.array(z.string()),
  validFrom: z.iso.date(),
  validTo: z.iso.date().nullable(),
});

export interface CrmFieldsByEntity {
  company: z.infer<typeof crmCompanyFieldsSchema>;
  contact: z.infer<typeof crmContactFieldsSchema>;
  task: z.infer<typeof crmTaskFieldsSchema>;
  authority: z.infer<typeof crmAuthorityFieldsSchema>;
}

export const crmFieldsSchemas = {
  company: crmCompanyFieldsSchema,
  contact: crmContactFieldsSchema,
  task: crmTaskFieldsSchema,
  authority: crmAuthorityFieldsSchema,
} as const;

/** Bookkeeping every record carries besides its fields. */
export interface CrmRecordMeta {
  readonly id: string;
  /** The bank's id for this record, set by the bank's writes (upsert by external id). */
  readonly externalId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Per-record version: 1 on create, +1 on every change, emitted or not. */
  readonly version: number;
}

export type CrmRecord<E extends CrmEntity = CrmEntity> = CrmRecordMeta & CrmFieldsByEntity[E];

/** Who made a change: what echo suppression on the bank side looks at. */
export const crmChangeOriginSchema = z.object({
  /** `api` through REST, `ui` a user in the CRM, `system` a CRM job. */
  channel: z.enum(['api', 'ui', 'system']),
  /** The integration user or application that called the API (e.g. `corebridge`). */
  client: z.string().nullable(),
});
export type CrmChangeOrigin = z.infer<typeof crmChangeOriginSchema>;

/** A change of one record, as the store emits it to webhooks, change-data-capture and the MQ feed. */
export const crmChangeSchema = z.object({
  entity: crmEntitySchema,
  id: z.string(),
  operation: z.enum(['create', 'update', 'delete']),
  /** Per-record sequence number (the record's version after the change). */
  sequence: z.number().int().positive(),
  changedFields: z.array(z.string()),
  origin: crmChangeOriginSchema,
  at: z.iso.datetime(),
});
export type CrmChange = z.infer<typeof crmChangeSchema>;
