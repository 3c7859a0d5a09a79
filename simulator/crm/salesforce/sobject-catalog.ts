import type { CrmEntity } from '../../../contracts/crm/crm-records.ts';
import { SALESFORCE_KEY_PREFIXES } from '../../../contracts/crm/salesforce-id.ts';
import type { SfField } from './sobject-field.ts';
import {
  customCurrencyField,
  dateField,
  externalIdField,
  idField,
  listField,
  picklistField,
  readOnlyField,
  referenceField,
  systemFields,
  textField,
} from './sobject-field-builders.ts';

/**
 * The Salesforce face of the neutral CRM model: which sObject each entity is, its key prefix, and
 * every field with its neutral counterpart. Custom fields and the custom object end in `__c` as
 * an org's customisations do; the bank's ids live in unique external-id fields to upsert by.
 */
export interface SObjectSpec {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly entity: CrmEntity;
  readonly custom: boolean;
  readonly fields: readonly SfField[];
  /** The external-id field holding the bank's id. */
  readonly externalIdField: string;
}

const ACCOUNT = { object: 'Account', keyPrefix: SALESFORCE_KEY_PREFIXES.Account } as const;
const CONTACT = { object: 'Contact', keyPrefix: SALESFORCE_KEY_PREFIXES.Contact } as const;

const account: SObjectSpec = {
  name: 'Account',
  label: 'Account',
  labelPlural: 'Accounts',
  keyPrefix: ACCOUNT.keyPrefix,
  entity: 'company',
  custom: false,
  externalIdField: 'Bank_Client_Id__c',
  fields: [
    idField(ACCOUNT.keyPrefix),
    textField('Name', 'Account Name', 'name', { required: true, emptyAs: '' }),
    textField('INN__c', 'INN', 'inn', { required: true, length: 12, emptyAs: '' }),
    textField('KPP__c', 'KPP', 'kpp', { length: 9 }),
    textField('OGRN__c', 'OGRN', 'ogrn', { length: 15 }),
    picklistField('Segment__c', 'Segment', 'segment', [
      { value: 'Small', neutral: 'small', isDefault: true },
      { value: 'Medium', neutral: 'medium' },
      { value: 'Large', neutral: 'large' },
    ]),
    textField('Phone', 'Account Phone', 'phone', { type: 'phone', length: 40 }),
    textField('Email__c', 'Email', 'email', { type: 'email', length: 80 }),
    textField('Legal_Address__c', 'Legal Address', 'legalAddress', { type: 'textarea', length: 1000 }),
    customCurrencyField('Credit_Limit__c', 'Credit Limit', 'creditLimit'),
    externalIdField('Bank_Client_Id__c', 'Bank Client ID'),
    ...systemFields(),
  ],
};

const contact: SObjectSpec = {
  name: 'Contact',
  label: 'Contact',
  labelPlural: 'Contacts',
  keyPrefix: CONTACT.keyPrefix,
  entity: 'contact',
  custom: false,
  externalIdField: 'Bank_Contact_Id__c',
  fields: [
    idField(CONTACT.keyPrefix),
    readOnlyField(
      'Name',
      'Full Name',
      'string',
      (record) => {
        const { firstName, middleName, lastName } = record as unknown as Record<string, string | null>;
        return [firstName, middleName, lastName].filter(Boolean).join(' ');
      },
      121,
    ),
    textField('FirstName', 'First Name', 'firstName', { length: 40, emptyAs: '' }),
    textField('MiddleName', 'Middle Name', 'middleName', { length: 40 }),
    textField('LastName', 'Last Name', 'lastName', { required: true, length: 80, emptyAs: '' }),
    referenceField(
      'AccountId',
      'Account ID',
      'companyId',
      { ...ACCOUNT, relationshipName: 'Account' },
      {
        required: true,
      },
    ),
    textField('Email', 'Email', 'email', { type: 'email', length: 80 }),
    textField('Phone', 'Business Phone', 'phone', { type: 'phone', length: 40 }),
    textField('Title', 'Title', 'position', { length: 128 }),
    externalIdField('Bank_Contact_Id__c', 'Bank Contact ID'),
    ...systemFields(),
  ],
};

const task: SObjectSpec = {
  name: 'Task',
  label: 'Task',
  labelPlural: 'Tasks',
  keyPrefix: SALESFORCE_KEY_PREFIXES.Task,
  entity: 'task',
  custom: false,
  externalIdField: 'Bank_Task_Id__c',
  fields: [
    idField(SALESFORCE_KEY_PREFIXES.Task),
    textField('Subject', 'Subject', 'subject', { required: true, emptyAs: '' }),
    picklistField('Status', 'Status', 'status', [
      { value: 'Not Started', neutral: 'open', isDefault: true },
      { value: 'In Progress', neutral: 'in-progress' },
      { value: 'Completed', neutral: 'done' },
    ]),
    referenceField(
      'WhatId',
      'Related To ID',
      'companyId',
      { ...ACCOUNT, relationshipName: 'What' },
      {
        required: true,
      },
    ),
    referenceField('WhoId', 'Name ID', 'contactId', { ...CONTACT, relationshipName: 'Who' }),
    dateField('ActivityDate', 'Due Date Only', 'dueDate'),
    textField('Description', 'Description', 'description', { type: 'textarea', length: 32_000 }),
    externalIdField('Bank_Task_Id__c', 'Bank Task ID'),
    ...systemFields(),
  ],
};

const authority: SObjectSpec = {
  name: 'Authority__c',
  label: 'Authority',
  labelPlural: 'Authorities',
  keyPrefix: SALESFORCE_KEY_PREFIXES.Authority__c,
  entity: 'authority',
  custom: true,
  externalIdField: 'Bank_Authority_Id__c',
  fields: [
    idField(SALESFORCE_KEY_PREFIXES.Authority__c),
    // An auto-number name, as custom objects without a text name have.
    readOnlyField('Name', 'Authority Number', 'string', (record) => `AUTH-${record.id.padStart(6, '0')}`, 80),
    referenceField(
      'Account__c',
      'Account',
      'companyId',
      { ...ACCOUNT, relationshipName: 'Account__r' },
      {
        required: true,
      },
    ),
    referenceField(
      'Contact__c',
      'Contact',
      'contactId',
      { ...CONTACT, relationshipName: 'Contact__r' },
      {
        required: true,
      },
    ),
    picklistField(
      'Kind__c',
      'Kind',
      'kind',
      [
        { value: 'Sign Payments', neutral: 'sign-payments' },
        { value: 'View Accounts', neutral: 'view-accounts' },
      ],
      { required: true },
    ),
    listField('Account_Ids__c', 'Account IDs', 'accountIds'),
    dateField('Valid_From__c', 'Valid From', 'validFrom', { required: true }),
    dateField('Valid_To__c', 'Valid To', 'validTo'),
    externalIdField('Bank_Authority_Id__c', 'Bank Authority ID'),
    ...systemFields(),
  ],
};

export const SOBJECTS: readonly SObjectSpec[] = [account, contact, task, authority];

/** Object names are case-insensitive in URLs and SOQL, as in Salesforce. */
export function sobjectNamed(name: string): SObjectSpec | undefined {
  const wanted = name.toLowerCase();
  return SOBJECTS.find((spec) => spec.name.toLowerCase() === wanted);
}

export function sobjectOfEntity(entity: CrmEntity): SObjectSpec {
  const spec = SOBJECTS.find((candidate) => candidate.entity === entity);
  if (!spec)
    throw new Error(`Failed to map CRM entity ${entity} to an sObject: none is defined. Add it to SOBJECTS.`);
  return spec;
}

export function sobjectOfKeyPrefix(keyPrefix: string): SObjectSpec | undefined {
  return SOBJECTS.find((spec) => spec.keyPrefix === keyPrefix);
}

/** Field names are case-insensitive too; answers always use the canonical spelling. */
export function fieldNamed(spec: SObjectSpec, name: string): SfField | undefined {
  const wanted = name.toLowerCase();
  return spec.fields.find((field) => field.name.toLowerCase() === wanted);
}
