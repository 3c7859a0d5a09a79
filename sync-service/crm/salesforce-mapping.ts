import { z } from 'zod';
import type { CrmEntity, CrmFieldsByEntity, CrmRecord } from '../../contracts/crm/crm-records.ts';
import { SALESFORCE_KEY_PREFIXES, salesforceIdSchema } from '../../contracts/crm/salesforce-id.ts';
import type { SalesforceRow } from './salesforce-client.ts';
import { neutralIdOf } from './salesforce-ids.ts';
import { UNKNOWN_CRM_VERSION } from './unknown-crm-version.ts';

/**
 * The bank's Salesforce org, read back into the neutral vocabulary: which sObject each entity is,
 * the fields the sync service reads (also what its SOQL selects) and how each becomes a neutral
 * field. Salesforce answers an empty text field as null, so required neutral strings read '' then.
 */
export interface SObjectMapping<E extends CrmEntity> {
  readonly entity: E;
  readonly object: string;
  readonly keyPrefix: string;
  /** Every field a neutral record needs, in the order a SOQL query selects them. */
  readonly fields: readonly string[];
  /** Throws a ZodError when the row is not what the contract says. */
  toNeutral(row: SalesforceRow): CrmRecord<E>;
}

/** An id of an object with `keyPrefix`, read as its neutral id (salesforce-ids.ts). */
const neutralId = (keyPrefix: string) => salesforceIdSchema.transform((id) => neutralIdOf(keyPrefix, id));
const text = z.string().nullable();
/** A lookup field: the neutral id of the record of `keyPrefix` it points at, or null. */
const reference = (keyPrefix: string) => neutralId(keyPrefix).nullable();
const { Account, Contact, Task, Authority__c } = SALESFORCE_KEY_PREFIXES;
const date = z.iso.date().nullable();
/** Salesforce writes datetimes as `2026-01-01T09:00:00.000+0000`; the neutral record uses ISO `Z`. */
const datetime = z.string().transform((value, context) => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    context.addIssue({ code: 'custom', message: `not a datetime: ${value}` });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

function sobject<E extends CrmEntity, S extends z.ZodRawShape>(
  entity: E,
  object: string,
  keyPrefix: string,
  externalIdField: string,
  shape: S,
  toFields: (row: z.infer<z.ZodObject<S>>) => CrmFieldsByEntity[E],
): SObjectMapping<E> {
  const schema = z.object({
    Id: neutralId(keyPrefix),
    ...shape,
    [externalIdField]: text,
    CreatedDate: datetime,
    LastModifiedDate: datetime,
  });
  return {
    entity,
    object,
    keyPrefix,
    fields: Object.keys(schema.shape),
    toNeutral(raw) {
      const row = schema.parse(raw) as Record<string, unknown> & {
        Id: string;
        CreatedDate: string;
        LastModifiedDate: string;
      };
      return {
        id: row.Id,
        externalId: (row[externalIdField] as string | null) ?? null,
        createdAt: row.CreatedDate,
        updatedAt: row.LastModifiedDate,
        version: UNKNOWN_CRM_VERSION,
        ...toFields(row as unknown as z.infer<z.ZodObject<S>>),
      } as CrmRecord<E>;
    },
  };
}

const idOrEmpty = (id: string | null): string => id ?? '';

const SEGMENTS = { Small: 'small', Medium: 'medium', Large: 'large' } as const;
const TASK_STATUSES = { 'Not Started': 'open', 'In Progress': 'in-progress', Completed: 'done' } as const;
const AUTHORITY_KINDS = { 'Sign Payments': 'sign-payments', 'View Accounts': 'view-accounts' } as const;

const account = sobject(
  'company',
  'Account',
  Account,
  'Bank_Client_Id__c',
  {
    Name: text,
    INN__c: text,
    KPP__c: text,
    OGRN__c: text,
    Segment__c: z.enum(['Small', 'Medium', 'Large']),
    Phone: text,
    Email__c: text,
    Legal_Address__c: text,
    Credit_Limit__c: z.number().nullable(),
  },
  (row) => {
    // The org's one custom field of a company; the neutral `custom` map holds it by its neutral name.
    const custom: Record<string, number> = {};
    if (row.Credit_Limit__c !== null) custom.creditLimit = row.Credit_Limit__c;
    return {
      name: row.Name ?? '',
      inn: row.INN__c ?? '',
      kpp: row.KPP__c,
      ogrn: row.OGRN__c,
      segment: SEGMENTS[row.Segment__c],
      phone: row.Phone,
      email: row.Email__c,
      legalAddress: row.Legal_Address__c,
      custom,
    };
  },
);

const contact = sobject(
  'contact',
  'Contact',
  Contact,
  'Bank_Contact_Id__c',
  {
    FirstName: text,
    MiddleName: text,
    LastName: text,
    AccountId: reference(Account),
    Email: text,
    Phone: text,
    Title: text,
  },
  (row) => ({
    companyId: idOrEmpty(row.AccountId),
    firstName: row.FirstName ?? '',
    middleName: row.MiddleName,
    lastName: row.LastName ?? '',
    phone: row.Phone,
    email: row.Email,
    position: row.Title,
  }),
);

const task = sobject(
  'task',
  'Task',
  Task,
  'Bank_Task_Id__c',
  {
    Subject: text,
    Status: z.enum(['Not Started', 'In Progress', 'Completed']),
    WhatId: reference(Account),
    WhoId: reference(Contact),
    ActivityDate: date,
    Description: text,
  },
  (row) => ({
    companyId: idOrEmpty(row.WhatId),
    contactId: row.WhoId,
    subject: row.Subject ?? '',
    description: row.Description,
    status: TASK_STATUSES[row.Status],
    dueDate: row.ActivityDate,
  }),
);

const authority = sobject(
  'authority',
  'Authority__c',
  Authority__c,
  'Bank_Authority_Id__c',
  {
    Account__c: reference(Account),
    Contact__c: reference(Contact),
    Kind__c: z.enum(['Sign Payments', 'View Accounts']),
    // A `;`-separated list, as multi-select values are kept.
    Account_Ids__c: text,
    Valid_From__c: z.iso.date(),
    Valid_To__c: date,
  },
  (row) => ({
    companyId: idOrEmpty(row.Account__c),
    contactId: idOrEmpty(row.Contact__c),
    kind: AUTHORITY_KINDS[row.Kind__c],
    accountIds: (row.Account_Ids__c ?? '').split(';').filter((accountId) => accountId !== ''),
    validFrom: row.Valid_From__c,
    validTo: row.Valid_To__c,
  }),
);

export const SALESFORCE_OBJECTS: { readonly [E in CrmEntity]: SObjectMapping<E> } = {
  company: account,
  contact,
  task,
  authority,
};
