import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { CHILD_SLOTS, type CrmBaseData } from './crm-base-data.ts';

const meta = { createdAt: '2020-01-01T00:00:00.000Z', updatedAt: '2020-01-01T00:00:00.000Z', version: 1 };

/**
 * A small, fixed CRM for unit tests of the flavors: `companies` companies, each with two contacts,
 * one task and one authority; company n carries the bank's id `bank-<n>`.
 */
export function fixtureCrmBase(companies = 5): CrmBaseData {
  const child = (n: number, j: number) => String((n - 1) * CHILD_SLOTS + 1 + j);
  return {
    companies,
    companyAt: (n): CrmRecord<'company'> => ({
      ...meta,
      id: String(n),
      externalId: `bank-${n}`,
      name: `ООО Ромашка ${n}`,
      inn: '7707083893',
      kpp: '773601001',
      ogrn: '1027700132195',
      segment: n % 3 === 0 ? 'large' : 'small',
      phone: `+7 495 000-00-${String(n).padStart(2, '0')}`,
      email: `office${n}@example.ru`,
      legalAddress: 'г. Москва, ул. Вавилова, д. 19',
      custom: { creditLimit: n * 100_000 },
    }),
    childrenOf: (n) => ({
      contact: [0, 1].map(
        (j): CrmRecord<'contact'> => ({
          ...meta,
          id: child(n, j),
          externalId: null,
          companyId: String(n),
          firstName: j === 0 ? 'Иван' : 'Мария',
          lastName: j === 0 ? 'Петров' : 'Сидорова',
          middleName: j === 0 ? 'Сергеевич' : 'Игоревна',
          phone: null,
          email: `person${n}-${j}@example.ru`,
          position: j === 0 ? 'Генеральный директор' : 'Главный бухгалтер',
        }),
      ),
      task: [
        {
          ...meta,
          id: child(n, 2),
          externalId: null,
          companyId: String(n),
          contactId: child(n, 0),
          subject: 'Актуализировать анкету клиента',
          description: null,
          status: 'open',
          dueDate: '2026-12-01',
        },
      ],
      authority: [
        {
          ...meta,
          id: child(n, 3),
          externalId: null,
          companyId: String(n),
          contactId: child(n, 0),
          kind: 'sign-payments',
          accountIds: [`acc-${n}-1`],
          validFrom: '2024-01-01',
          validTo: null,
        },
      ],
    }),
    companyByExternalId: (id) => {
      const n = /^bank-(\d+)$/.exec(id)?.[1];
      return n !== undefined && Number(n) <= companies ? Number(n) : undefined;
    },
  };
}
