import { SALESFORCE_KEY_PREFIXES } from '../../contracts/crm/salesforce-id.ts';
import type { MappingProfileInput } from './mapping-profile-schema.ts';

const segment = { kind: 'picklist', values: { small: 'Small', medium: 'Medium', large: 'Large' } } as const;
const account = { kind: 'salesforce-id', keyPrefix: SALESFORCE_KEY_PREFIXES.Account } as const;
const contact = { kind: 'salesforce-id', keyPrefix: SALESFORCE_KEY_PREFIXES.Contact } as const;
const taskStatus = {
  kind: 'picklist',
  values: { open: 'Not Started', 'in-progress': 'In Progress', done: 'Completed' },
} as const;

/** The bank's Salesforce org: Account, Contact and Task with the bank's `*__c` fields. */
export const salesforceProfile: MappingProfileInput = {
  flavor: 'salesforce',
  version: 1,
  entities: {
    company: {
      target: 'Account',
      keyPrefix: SALESFORCE_KEY_PREFIXES.Account,
      externalIdField: 'Bank_Client_Id__c',
      fields: {
        name: { to: 'Name' },
        inn: { to: 'INN__c' },
        kpp: { to: 'KPP__c' },
        ogrn: { to: 'OGRN__c' },
        segment: { to: 'Segment__c', transform: segment },
        phone: { to: 'Phone' },
        email: { to: 'Email__c' },
        legalAddress: { to: 'Legal_Address__c' },
      },
      custom: { creditLimit: 'Credit_Limit__c' },
    },
    contact: {
      target: 'Contact',
      keyPrefix: SALESFORCE_KEY_PREFIXES.Contact,
      externalIdField: 'Bank_Contact_Id__c',
      fields: {
        companyId: { to: 'AccountId', transform: account },
        firstName: { to: 'FirstName' },
        lastName: { to: 'LastName' },
        middleName: { to: 'MiddleName' },
        phone: { to: 'Phone' },
        email: { to: 'Email' },
        position: { to: 'Title' },
      },
    },
    task: {
      target: 'Task',
      keyPrefix: SALESFORCE_KEY_PREFIXES.Task,
      externalIdField: 'Bank_Task_Id__c',
      fields: {
        companyId: { to: 'WhatId', transform: account },
        contactId: { to: 'WhoId', transform: contact },
        subject: { to: 'Subject' },
        description: { to: 'Description' },
        status: { to: 'Status', transform: taskStatus },
        dueDate: { to: 'ActivityDate' },
      },
    },
  },
};
