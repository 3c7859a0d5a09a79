import { describe, expect, it } from 'vitest';
import type { CrmRecord } from '../../../contracts/crm/crm-records.ts';
import { fixtureCrmBase } from '../fixture-crm-base.ts';
import { isSalesforceApiError } from './salesforce-api-error.ts';
import { salesforceId } from './salesforce-id.ts';
import { SOBJECTS, sobjectNamed, sobjectOfEntity } from './sobject-catalog.ts';
import { toSalesforceRecord } from './sobject-record.ts';
import { readWriteBody, type WriteContext } from './sobject-write.ts';

const base = fixtureCrmBase(3);
const create: WriteContext = { mode: 'create', exists: () => true };
const BASE = '/services/data/v60.0';

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isSalesforceApiError(error))
      return { status: error.status, errorCode: error.errorCode, fields: error.fields };
    throw error;
  }
  throw new Error('expected the write to be refused');
}

describe('sObject mapping', () => {
  it('maps every neutral entity to one sObject with a distinct key prefix and an external-id field', () => {
    expect(SOBJECTS.map((spec) => [spec.entity, spec.name, spec.keyPrefix])).toEqual([
      ['company', 'Account', '001'],
      ['contact', 'Contact', '003'],
      ['task', 'Task', '00T'],
      ['authority', 'Authority__c', 'a0X'],
    ]);
    for (const spec of SOBJECTS) {
      expect(spec.fields.find((field) => field.name === spec.externalIdField)?.externalId).toBe(true);
    }
    expect(sobjectNamed('authority__C')?.name).toBe('Authority__c');
  });

  it('shows a company as an Account with Salesforce names, picklist labels, custom fields and datetimes', () => {
    const account = toSalesforceRecord(BASE, sobjectOfEntity('company'), base.companyAt(3));
    expect(account).toEqual({
      attributes: { type: 'Account', url: `${BASE}/sobjects/Account/${salesforceId('001', 3)}` },
      Id: salesforceId('001', 3),
      Name: 'ООО Ромашка 3',
      INN__c: '7707083893',
      KPP__c: '773601001',
      OGRN__c: '1027700132195',
      Segment__c: 'Large',
      Phone: '+7 495 000-00-03',
      Email__c: 'office3@example.ru',
      Legal_Address__c: 'г. Москва, ул. Вавилова, д. 19',
      Credit_Limit__c: 300_000,
      Bank_Client_Id__c: 'bank-3',
      IsDeleted: false,
      CreatedDate: '2020-01-01T00:00:00.000+0000',
      LastModifiedDate: '2020-01-01T00:00:00.000+0000',
      SystemModstamp: '2020-01-01T00:00:00.000+0000',
    });
  });

  it('shows contacts, tasks and authorities with lookups as 18-character ids of their parents', () => {
    const children = base.childrenOf(2);
    const contact = toSalesforceRecord(BASE, sobjectOfEntity('contact'), children.contact[0] as CrmRecord);
    expect(contact).toMatchObject({
      Name: 'Иван Сергеевич Петров',
      FirstName: 'Иван',
      LastName: 'Петров',
      AccountId: salesforceId('001', 2),
      Title: 'Генеральный директор',
      Bank_Contact_Id__c: null,
    });
    const task = toSalesforceRecord(BASE, sobjectOfEntity('task'), children.task[0] as CrmRecord);
    expect(task).toMatchObject({
      Status: 'Not Started',
      WhatId: salesforceId('001', 2),
      WhoId: salesforceId('003', 17),
      ActivityDate: '2026-12-01',
    });
    const authority = toSalesforceRecord(
      BASE,
      sobjectOfEntity('authority'),
      children.authority[0] as CrmRecord,
    );
    expect(authority).toMatchObject({
      Kind__c: 'Sign Payments',
      Account_Ids__c: 'acc-2-1',
      Valid_To__c: null,
    });
  });

  it('reads a create body back into neutral fields, filling defaults and the empty values', () => {
    const write = readWriteBody(
      sobjectOfEntity('task'),
      { Subject: 'Call', WhatId: salesforceId('001', 1).toLowerCase(), ActivityDate: '2026-02-28' },
      create,
    );
    expect(write).toEqual({
      fields: {
        companyId: '1',
        contactId: null,
        subject: 'Call',
        description: null,
        status: 'open',
        dueDate: '2026-02-28',
      },
      externalId: undefined,
    });
    const account = readWriteBody(
      sobjectOfEntity('company'),
      { Name: 'Acme', INN__c: '7707083893', Credit_Limit__c: 5, Bank_Client_Id__c: 'bank-99' },
      create,
    );
    expect(account.fields).toMatchObject({
      name: 'Acme',
      segment: 'small',
      custom: { creditLimit: 5 },
      kpp: null,
    });
    expect(account.externalId).toBe('bank-99');
    const authority = readWriteBody(
      sobjectOfEntity('authority'),
      {
        Account__c: salesforceId('001', 1),
        Contact__c: salesforceId('003', 1),
        Kind__c: 'View Accounts',
        Account_Ids__c: 'a; b',
        Valid_From__c: '2026-01-01',
      },
      create,
    );
    expect(authority.fields).toMatchObject({ kind: 'view-accounts', accountIds: ['a', 'b'] });
  });

  it('refuses bodies the way Salesforce does', () => {
    const contact = sobjectOfEntity('contact');
    const task = sobjectOfEntity('task');
    expect(errorOf(() => readWriteBody(contact, { FirstName: 'A' }, create))).toEqual({
      status: 400,
      errorCode: 'REQUIRED_FIELD_MISSING',
      fields: ['LastName', 'AccountId'],
    });
    expect(errorOf(() => readWriteBody(contact, { Nickname: 'A' }, create)).errorCode).toBe('INVALID_FIELD');
    expect(errorOf(() => readWriteBody(contact, { CreatedDate: 'x', Name: 'y' }, create))).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['CreatedDate', 'Name'],
    });
    expect(
      errorOf(() => readWriteBody(task, { Status: 'Done' }, { ...create, mode: 'update' })).errorCode,
    ).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(
      errorOf(() => readWriteBody(task, { Subject: null }, { ...create, mode: 'update' })).errorCode,
    ).toBe('REQUIRED_FIELD_MISSING');
    expect(
      errorOf(() => readWriteBody(task, { ActivityDate: '2026-02-30' }, { ...create, mode: 'update' }))
        .errorCode,
    ).toBe('JSON_PARSER_ERROR');
    expect(
      errorOf(() => readWriteBody(task, { WhatId: 'nope' }, { ...create, mode: 'update' })).errorCode,
    ).toBe('MALFORMED_ID');
    expect(
      errorOf(() => readWriteBody(task, { WhatId: salesforceId('003', 1) }, { ...create, mode: 'update' }))
        .errorCode,
    ).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(
      errorOf(() =>
        readWriteBody(task, { WhatId: salesforceId('001', 1) }, { mode: 'update', exists: () => false }),
      ).errorCode,
    ).toBe('INVALID_CROSS_REFERENCE_KEY');
    expect(
      errorOf(() => readWriteBody(task, { Subject: 'x'.repeat(256) }, { ...create, mode: 'update' }))
        .errorCode,
    ).toBe('STRING_TOO_LONG');
    expect(errorOf(() => readWriteBody(task, [], create)).errorCode).toBe('JSON_PARSER_ERROR');
  });
});
