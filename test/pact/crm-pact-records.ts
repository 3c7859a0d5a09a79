import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import type { CrmStore } from '../../simulator/crm/crm-store.ts';

/**
 * Provider states of the CRM pacts. A pact can only say "a string" where the CRM may also answer
 * null, so every record a state touches gets every field the sync service reads filled in.
 */
export const ORIGIN = { channel: 'ui', client: null } as const;
let serial = 0;

export function fillCompany(store: CrmStore, record: CrmRecord<'company'>): CrmRecord<'company'> {
  return store.update(
    'company',
    record.id,
    {
      kpp: record.kpp ?? '773601001',
      ogrn: record.ogrn ?? '1027700132195',
      phone: record.phone ?? '+74950000000',
      email: record.email ?? 'info@romashka.ru',
      legalAddress: record.legalAddress ?? 'г. Москва, ул. Вавилова, д. 19',
      custom: { creditLimit: 2_500_000.5 },
    },
    ORIGIN,
  );
}

export function fillContact(store: CrmStore, record: CrmRecord<'contact'>): CrmRecord<'contact'> {
  store.update(
    'contact',
    record.id,
    {
      middleName: record.middleName ?? 'Сергеевна',
      phone: record.phone ?? '+79160000000',
      email: record.email ?? 'a.ivanova@romashka.ru',
      position: record.position ?? 'Главный бухгалтер',
    },
    ORIGIN,
  );
  return store.setExternalId('contact', record.id, `person-${record.id}`, ORIGIN) as CrmRecord<'contact'>;
}

/** A task in progress, with a due date, a contact, a description and the bank's id. */
export function createTask(store: CrmStore, contact: CrmRecord<'contact'>): CrmRecord<'task'> {
  return store.create(
    'task',
    {
      companyId: contact.companyId,
      contactId: contact.id,
      subject: 'Подписать допсоглашение',
      description: 'Новый тариф с 1 декабря',
      status: 'in-progress',
      dueDate: '2026-12-01',
    },
    ORIGIN,
    `bank-task-${++serial}`,
  );
}

/** An authority with an end date, two accounts and the bank's id. */
export function createAuthority(store: CrmStore, contact: CrmRecord<'contact'>): CrmRecord<'authority'> {
  return store.create(
    'authority',
    {
      companyId: contact.companyId,
      contactId: contact.id,
      kind: 'sign-payments',
      accountIds: ['40702810400000012345', '40702810400000012346'],
      validFrom: '2026-11-21',
      validTo: '2027-11-21',
    },
    ORIGIN,
    `bank-authority-${++serial}`,
  );
}

/** The n-th live record of an entity, or a failed verification that says why. */
export function nth<E extends 'company' | 'contact'>(store: CrmStore, entity: E, n: number): CrmRecord<E> {
  const record = [...store.all(entity)][n];
  if (!record)
    throw new Error(`Failed to set up a provider state: the CRM has no ${entity} #${n}. Seed more.`);
  return record;
}
