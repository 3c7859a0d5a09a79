import { describe, expect, it } from 'vitest';
import { CrmStore } from '../crm-store.ts';
import { fixtureCrmBase } from '../fixture-crm-base.ts';
import { activityMapping } from './activity-mapping.ts';
import { authorityMapping } from './authority-mapping.ts';
import { companyMapping } from './company-mapping.ts';
import { contactMapping } from './contact-mapping.ts';
import type { MappingView } from './entity-mapping.ts';
import { neutralKeyOf, userFieldNameOf, validateUserFieldName } from './user-field-names.ts';
import { UserFieldRegistry } from './user-field-registry.ts';

const now = Date.UTC(2026, 10, 21, 9);
const store = new CrmStore(fixtureCrmBase(3), { now: () => now });
const view: MappingView = {
  store,
  userFields: new UserFieldRegistry({ company: { creditLimit: 'double' } }),
  offsetMinutes: 180,
  now: () => now,
};

describe('company mapping', () => {
  const company = store.get('company', '2');
  if (!company) throw new Error('fixture company 2 missing');

  it('shows a company with its legal details and the bank id as user fields', () => {
    expect(companyMapping.toRow(company, view)).toMatchObject({
      ID: '2',
      TITLE: 'ООО Ромашка 2',
      COMPANY_TYPE: 'CUSTOMER',
      ADDRESS_LEGAL: 'г. Москва, ул. Вавилова, д. 19',
      DATE_MODIFY: '2020-01-01T03:00:00+03:00',
      UF_CRM_BANK_ID: 'bank-2',
      UF_CRM_INN: '7707083893',
      UF_CRM_SEGMENT: 'small',
      UF_CRM_CREDIT_LIMIT: 200_000,
      PHONE: [{ ID: '21', VALUE_TYPE: 'WORK', VALUE: '+7 495 000-00-02', TYPE_ID: 'PHONE' }],
    });
  });

  it('reads form-encoded writes back into neutral fields, custom fields by their type', () => {
    const write = companyMapping.fromRow(
      {
        TITLE: ' Новое имя ',
        UF_CRM_KPP: '',
        UF_CRM_CREDIT_LIMIT: '350000.5',
        UF_CRM_UNKNOWN: 'x',
        ID: '99',
      },
      company,
      view,
    );
    expect(write).toEqual({
      fields: { name: 'Новое имя', kpp: null, custom: { creditLimit: 350_000.5 } },
    });
    expect(companyMapping.fromRow({ UF_CRM_BANK_ID: 'bank-x' }, company, view).externalId).toBe('bank-x');
  });

  it('follows the portal rules for multi-fields: change by ID, delete by empty value, add without ID', () => {
    const change = (PHONE: unknown) => companyMapping.fromRow({ PHONE }, company, view).fields.phone;
    expect(change([{ ID: '21', VALUE: '+7 999' }])).toBe('+7 999');
    expect(change([{ ID: '21', VALUE: '' }])).toBeNull();
    expect(change([{ ID: '21', DELETE: 'Y' }])).toBeNull();
    expect(change([{ VALUE: '+7 111', VALUE_TYPE: 'MOBILE' }])).toBe('+7 111');
    expect(change([{ ID: '777', VALUE: '+7 000' }])).toBe('+7 495 000-00-02');
  });

  it('refuses a company without the INN the bank requires', () => {
    expect(() => companyMapping.forCreate({ fields: { name: 'X' } }, view)).toThrow(/UF_CRM_INN/);
  });
});

describe('contact mapping', () => {
  it('maps names, post and company, and hides an empty phone as the portal does', () => {
    const contact = store.get('contact', '1');
    if (!contact) throw new Error('fixture contact 1 missing');
    const row = contactMapping.toRow(contact, view);
    expect(row).toMatchObject({
      NAME: 'Иван',
      SECOND_NAME: 'Сергеевич',
      LAST_NAME: 'Петров',
      COMPANY_ID: '1',
    });
    expect(row).not.toHaveProperty('PHONE');
    expect(contactMapping.fromRow({ COMPANY_ID: '0', POST: '' }, contact, view).fields).toEqual({
      companyId: '',
      position: null,
    });
  });
});

describe('activity mapping', () => {
  const task = store.get('task', '3');
  if (!task) throw new Error('fixture task 3 missing');

  it('shows a task as a to-do activity of its company with its contact in COMMUNICATIONS', () => {
    expect(activityMapping.toRow(task, view)).toMatchObject({
      OWNER_TYPE_ID: '4',
      OWNER_ID: '1',
      TYPE_ID: '6',
      COMPLETED: 'N',
      DEADLINE: '2026-12-01T00:00:00+03:00',
      COMMUNICATIONS: [{ ENTITY_TYPE_ID: '3', ENTITY_ID: '1', TYPE: 'EMAIL', VALUE: 'person1-0@example.ru' }],
    });
  });

  it('maps COMPLETED and START_TIME onto done, in-progress and open', () => {
    const status = (written: Record<string, unknown>) =>
      activityMapping.fromRow(written, task, view).fields.status;
    expect(status({ COMPLETED: 'Y' })).toBe('done');
    expect(status({ START_TIME: '2026-11-21T12:00:00+03:00' })).toBe('in-progress');
    expect(status({ COMPLETED: 'N', START_TIME: '' })).toBe('open');
    expect(status({ SUBJECT: 'x' })).toBeUndefined();
  });

  it('binds an activity written against a contact to that contact and its company', () => {
    const write = activityMapping.fromRow(
      { OWNER_TYPE_ID: 3, OWNER_ID: 17, SUBJECT: 'Позвонить' },
      undefined,
      view,
    );
    expect(write.fields).toMatchObject({
      companyId: '2',
      contactId: '17',
      subject: 'Позвонить',
      status: 'open',
    });
    expect(() => activityMapping.fromRow({ OWNER_TYPE_ID: 2, OWNER_ID: 1 }, undefined, view)).toThrow(
      /OWNER_TYPE_ID 2/,
    );
  });
});

describe('authority mapping', () => {
  it('shows an authority as a smart-process item and reads original UF names on write', () => {
    const authority = store.get('authority', '4');
    if (!authority) throw new Error('fixture authority 4 missing');
    expect(authorityMapping.toRow(authority, view)).toMatchObject({
      id: 4,
      entityTypeId: 1036,
      companyId: 1,
      contactId: 1,
      begindate: '2024-01-01T00:00:00+03:00',
      ufCrm7Kind: 'sign-payments',
      ufCrm7Accounts: ['acc-1-1'],
    });
    const write = authorityMapping.fromRow(
      { UF_CRM_7_ACCOUNTS: ['a', 'b'], closedate: '2027-01-01T00:00:00+03:00' },
      authority,
      view,
    );
    expect(write.fields).toEqual({ accountIds: ['a', 'b'], validTo: '2027-01-01' });
  });
});

describe('user field names', () => {
  it('names neutral custom fields UF_CRM_<UPPER_SNAKE> and back', () => {
    expect(userFieldNameOf('creditLimit')).toBe('UF_CRM_CREDIT_LIMIT');
    expect(neutralKeyOf('UF_CRM_CREDIT_LIMIT')).toBe('creditLimit');
  });

  it('accepts at most 13 upper-case characters after the prefix, which the portal adds', () => {
    expect(validateUserFieldName('RISK_SCORE')).toBe('UF_CRM_RISK_SCORE');
    expect(validateUserFieldName('UF_CRM_THIRTEEN_CHAR')).toBe('UF_CRM_THIRTEEN_CHAR');
    expect(() => validateUserFieldName('FOURTEEN_CHARS')).toThrow(/too long/);
    expect(() => validateUserFieldName('risk_score')).toThrow(/invalid characters/);
    expect(() => validateUserFieldName('')).toThrow(/FIELD_NAME/);
  });
});
