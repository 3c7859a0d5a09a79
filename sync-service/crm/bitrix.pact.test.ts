import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import type { CrmEntity } from '../../contracts/crm/crm-records.ts';
import { stateValue } from '../../test/pact/state-value.ts';
import { createBitrixClient } from './bitrix-client.ts';
import { BITRIX_ENTITIES, changedSinceParams, createBitrixCrmFetcher } from './bitrix-crm-fetcher.ts';

const { like, eachLike, integer, number, regex, fromProviderState } = MatchersV3;

// One file per consumer-provider pair: pact files are merged on write, and parallel writers would race.
const pact = new PactV4({
  consumer: 'corebridge-sync',
  provider: 'crm-bitrix24',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});

const HOOK = '/rest/1/corebridge';
const SINCE = '2026-11-21T10:00:00.000Z';
const ATOM = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$';
const atom = (example = '2026-11-21T15:00:00+03:00') => regex(ATOM, example);
const numericId = (example: string) => regex('^\\d+$', example);
const time = { start: number(1795348800.123) };

const EXAMPLE = { company: '42', contact: '170', task: '175', authority: '180' } as const;

/** Every field the sync service reads, filled: the provider states fill them all too. */
const rows = {
  company: {
    ID: numericId(EXAMPLE.company),
    TITLE: like('ООО «Ромашка»'),
    ADDRESS_LEGAL: like('г. Москва, ул. Вавилова, д. 19'),
    PHONE: eachLike({ VALUE: like('+74950000000') }),
    EMAIL: eachLike({ VALUE: like('info@romashka.ru') }),
    DATE_CREATE: atom('2020-03-02T12:00:00+03:00'),
    DATE_MODIFY: atom(),
    UF_CRM_BANK_ID: like('5fb9220d-9b0f-4d32-a248-6492457c3890'),
    UF_CRM_INN: regex('^\\d{10}(\\d{2})?$', '7707083893'),
    UF_CRM_KPP: regex('^\\d{9}$', '773601001'),
    UF_CRM_OGRN: regex('^\\d{13}(\\d{2})?$', '1027700132195'),
    UF_CRM_SEGMENT: regex('^(small|medium|large)$', 'medium'),
    // A custom field of the bank's portal: neutrally `custom.creditLimit`.
    UF_CRM_CREDIT_LIMIT: number(2500000.5),
  },
  contact: {
    ID: numericId(EXAMPLE.contact),
    NAME: like('Анна'),
    SECOND_NAME: like('Сергеевна'),
    LAST_NAME: like('Иванова'),
    POST: like('Главный бухгалтер'),
    COMPANY_ID: numericId(EXAMPLE.company),
    PHONE: eachLike({ VALUE: like('+79160000000') }),
    EMAIL: eachLike({ VALUE: like('a.ivanova@romashka.ru') }),
    DATE_CREATE: atom('2020-03-02T12:00:00+03:00'),
    DATE_MODIFY: atom(),
    UF_CRM_BANK_ID: like('person-17'),
  },
  task: {
    ID: numericId(EXAMPLE.task),
    OWNER_ID: numericId(EXAMPLE.company),
    SUBJECT: like('Подписать допсоглашение'),
    DESCRIPTION: like('Новый тариф с 1 декабря'),
    COMPLETED: regex('^[YN]$', 'N'),
    START_TIME: atom(),
    DEADLINE: atom('2026-12-01T00:00:00+03:00'),
    ORIGIN_ID: like('bank-task-77'),
    CREATED: atom('2026-11-21T15:00:00+03:00'),
    LAST_UPDATED: atom(),
    COMMUNICATIONS: eachLike({ ENTITY_ID: numericId(EXAMPLE.contact), ENTITY_TYPE_ID: '3' }),
  },
  authority: {
    id: integer(Number(EXAMPLE.authority)),
    companyId: integer(Number(EXAMPLE.company)),
    contactId: integer(Number(EXAMPLE.contact)),
    begindate: atom('2026-11-21T00:00:00+03:00'),
    closedate: atom('2027-11-21T00:00:00+03:00'),
    ufCrm7Kind: regex('^(sign-payments|view-accounts)$', 'sign-payments'),
    ufCrm7Accounts: eachLike(like('40702810400000012345')),
    ufCrm7BankId: like('bank-authority-5'),
    createdTime: atom('2026-11-21T15:00:00+03:00'),
    updatedTime: atom(),
  },
} as const;

/** What a `get` answers: the row itself, or `{ item }` for `crm.item.get`. */
const getResult = (entity: CrmEntity) => (entity === 'authority' ? { item: rows.authority } : rows[entity]);
const listResult = (entity: CrmEntity) =>
  entity === 'authority' ? { items: eachLike(rows.authority) } : eachLike(rows[entity]);

const STATES = {
  company: ['a company exists', 'companyId'],
  contact: ['a contact exists', 'contactId'],
  task: ['a to-do activity exists', 'activityId'],
  authority: ['an authority item exists', 'itemId'],
} as const;

const method = (name: string) => `${HOOK}/${name}.json`;

describe('Bitrix24 REST, as the sync service calls it (consumer pact)', () => {
  for (const entity of ['company', 'contact', 'task', 'authority'] as const) {
    const mapping = BITRIX_ENTITIES[entity];
    const [state, idName] = STATES[entity];
    it(`reads one record with ${mapping.getMethod} after an event that carries only its id`, async () => {
      await pact
        .addInteraction()
        .given(state)
        .uponReceiving(`${mapping.getMethod} for an id`)
        .withRequest('POST', method(mapping.getMethod), (b) =>
          b.jsonBody({ ...mapping.params, id: fromProviderState(stateValue(idName), EXAMPLE[entity]) }),
        )
        .willRespondWith(200, (b) => b.jsonBody({ result: getResult(entity), time }))
        .executeTest(async (server) => {
          const record = await createBitrixCrmFetcher(`${server.url}${HOOK}/`).fetch(entity, EXAMPLE[entity]);
          expect(record).toMatchObject({ id: EXAMPLE[entity], updatedAt: '2026-11-21T12:00:00.000Z' });
        });
    });
  }

  it('reads a deleted company as gone: crm.company.get answers "Not found"', async () => {
    await pact
      .addInteraction()
      .given('a company was deleted')
      .uponReceiving('crm.company.get for a deleted company')
      .withRequest('POST', method('crm.company.get'), (b) =>
        b.jsonBody({ id: fromProviderState(stateValue('companyId'), EXAMPLE.company) }),
      )
      .willRespondWith(400, (b) => b.jsonBody({ error: '', error_description: 'Not found' }))
      .executeTest(async (server) => {
        expect(
          await createBitrixCrmFetcher(`${server.url}${HOOK}/`).fetch('company', EXAMPLE.company),
        ).toBeNull();
      });
  });

  it('reads a deleted authority item as gone: crm.item.get answers NOT_FOUND', async () => {
    await pact
      .addInteraction()
      .given('an authority item was deleted')
      .uponReceiving('crm.item.get for a deleted authority item')
      .withRequest('POST', method('crm.item.get'), (b) =>
        b.jsonBody({ entityTypeId: 1036, id: fromProviderState(stateValue('itemId'), EXAMPLE.authority) }),
      )
      .willRespondWith(400, (b) =>
        b.jsonBody({ error: 'NOT_FOUND', error_description: like('Элемент не найден') }),
      )
      .executeTest(async (server) => {
        const fetcher = createBitrixCrmFetcher(`${server.url}${HOOK}/`);
        expect(await fetcher.fetch('authority', EXAMPLE.authority)).toBeNull();
      });
  });

  it('lists the companies changed since a time, a first page with a next one', async () => {
    await pact
      .addInteraction()
      .given('more than 50 companies changed since 2026-11-21T10:00:00Z')
      .uponReceiving('crm.company.list of companies changed since a time, from start 0')
      .withRequest('POST', method('crm.company.list'), (b) =>
        b.jsonBody(changedSinceParams(BITRIX_ENTITIES.company, SINCE, 0)),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ result: eachLike(rows.company), next: integer(50), total: integer(60), time }),
      )
      .executeTest(async (server) => {
        const client = createBitrixClient(`${server.url}${HOOK}/`);
        const page = await client.call(
          'crm.company.list',
          changedSinceParams(BITRIX_ENTITIES.company, SINCE, 0),
        );
        expect(page?.next).toBe(50);
        const records = BITRIX_ENTITIES.company.rowsOf(page?.result).map(BITRIX_ENTITIES.company.toNeutral);
        expect(records[0]?.custom).toEqual({ creditLimit: 2500000.5 });
      });
  });

  it('lists the next page of changed companies from the start the previous page named', async () => {
    await pact
      .addInteraction()
      .given('more than 50 companies changed since 2026-11-21T10:00:00Z')
      .uponReceiving('crm.company.list of companies changed since a time, from start 50')
      .withRequest('POST', method('crm.company.list'), (b) =>
        b.jsonBody(changedSinceParams(BITRIX_ENTITIES.company, SINCE, 50)),
      )
      .willRespondWith(200, (b) => b.jsonBody({ result: eachLike(rows.company), total: integer(60), time }))
      .executeTest(async (server) => {
        const client = createBitrixClient(`${server.url}${HOOK}/`);
        const page = await client.call(
          'crm.company.list',
          changedSinceParams(BITRIX_ENTITIES.company, SINCE, 50),
        );
        expect(BITRIX_ENTITIES.company.rowsOf(page?.result)).toHaveLength(1);
      });
  });

  for (const entity of ['contact', 'task', 'authority'] as const) {
    const mapping = BITRIX_ENTITIES[entity];
    it(`lists with ${mapping.listMethod} the records changed since a time`, async () => {
      await pact
        .addInteraction()
        .given(`${STATES[entity][0]}, changed since 2026-11-21T10:00:00Z`)
        .uponReceiving(`${mapping.listMethod} of records changed since a time`)
        .withRequest('POST', method(mapping.listMethod), (b) =>
          b.jsonBody(changedSinceParams(mapping, SINCE, 0)),
        )
        .willRespondWith(200, (b) => b.jsonBody({ result: listResult(entity), total: integer(1), time }))
        .executeTest(async (server) => {
          const records = await createBitrixCrmFetcher(`${server.url}${HOOK}/`).changedSince(entity, SINCE);
          expect(records.map((record) => record.id)).toEqual([EXAMPLE[entity]]);
        });
    });
  }
});
