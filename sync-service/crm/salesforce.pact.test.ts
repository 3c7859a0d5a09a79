import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import type { CrmEntity } from '../../contracts/crm/crm-records.ts';
import { stateValue } from '../../test/pact/state-value.ts';
import { createSalesforceClient, type SalesforceClient } from './salesforce-client.ts';
import { changedSinceSoql, createSalesforceCrmFetcher } from './salesforce-crm-fetcher.ts';
import { salesforceIdOf } from './salesforce-ids.ts';
import { SALESFORCE_OBJECTS } from './salesforce-mapping.ts';

const { like, eachLike, integer, number, regex, fromProviderState } = MatchersV3;

// One file per consumer-provider pair: pact files are merged on write, and parallel writers would race.
const pact = new PactV4({
  consumer: 'corebridge-sync',
  provider: 'crm-salesforce',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});

const API = '/services/data/v60.0';
const TOKEN = '00D000000000001!token';
const SINCE = '2026-11-21T10:00:00.000Z';
const SF_ID = '^[0-9A-Za-z]{18}$';
const SF_DATETIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000$';
const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/** Neutral ids of the examples and their Salesforce ids. */
const EXAMPLE = { company: '42', contact: '170', task: '175', authority: '180' } as const;
const sfIdOf = (entity: CrmEntity) =>
  salesforceIdOf(SALESFORCE_OBJECTS[entity].keyPrefix, EXAMPLE[entity]) as string;
const ids = {
  company: sfIdOf('company'),
  contact: sfIdOf('contact'),
  task: sfIdOf('task'),
  authority: sfIdOf('authority'),
};

const sfId = (example: string) => regex(SF_ID, example);
const sfDatetime = (example = '2026-11-21T12:00:00.000+0000') => regex(SF_DATETIME, example);
const isoDate = (example: string) => regex(ISO_DATE, example);
const system = (object: string, id: string) => ({
  attributes: {
    type: object,
    url: regex(
      `^${API.replaceAll('.', '\\.')}/sobjects/${object}/[0-9A-Za-z]{18}$`,
      `${API}/sobjects/${object}/${id}`,
    ),
  },
  Id: sfId(id),
  CreatedDate: sfDatetime('2020-03-02T09:00:00.000+0000'),
  LastModifiedDate: sfDatetime(),
});

/** Every field the sync service reads, filled: the provider states fill them all too. */
const rows = {
  company: {
    ...system('Account', ids.company),
    Name: like('ООО «Ромашка»'),
    INN__c: regex('^\\d{10}(\\d{2})?$', '7707083893'),
    KPP__c: regex('^\\d{9}$', '773601001'),
    OGRN__c: regex('^\\d{13}(\\d{2})?$', '1027700132195'),
    Segment__c: regex('^(Small|Medium|Large)$', 'Medium'),
    Phone: like('+74950000000'),
    Email__c: like('info@romashka.ru'),
    Legal_Address__c: like('г. Москва, ул. Вавилова, д. 19'),
    Credit_Limit__c: number(2500000.5),
    Bank_Client_Id__c: like('5fb9220d-9b0f-4d32-a248-6492457c3890'),
  },
  contact: {
    ...system('Contact', ids.contact),
    FirstName: like('Анна'),
    MiddleName: like('Сергеевна'),
    LastName: like('Иванова'),
    AccountId: sfId(ids.company),
    Email: like('a.ivanova@romashka.ru'),
    Phone: like('+79160000000'),
    Title: like('Главный бухгалтер'),
    Bank_Contact_Id__c: like('person-17'),
  },
  task: {
    ...system('Task', ids.task),
    Subject: like('Подписать допсоглашение'),
    Status: regex('^(Not Started|In Progress|Completed)$', 'In Progress'),
    WhatId: sfId(ids.company),
    WhoId: sfId(ids.contact),
    ActivityDate: isoDate('2026-12-01'),
    Description: like('Новый тариф с 1 декабря'),
    Bank_Task_Id__c: like('bank-task-77'),
  },
  authority: {
    ...system('Authority__c', ids.authority),
    Account__c: sfId(ids.company),
    Contact__c: sfId(ids.contact),
    Kind__c: regex('^(Sign Payments|View Accounts)$', 'Sign Payments'),
    Account_Ids__c: like('40702810400000012345;40702810400000012346'),
    Valid_From__c: isoDate('2026-11-21'),
    Valid_To__c: isoDate('2027-11-21'),
    Bank_Authority_Id__c: like('bank-authority-5'),
  },
} as const;

const STATES = {
  company: ['an account exists', 'accountId'],
  contact: ['a contact exists', 'contactId'],
  task: ['a task exists', 'taskId'],
  authority: ['an authority exists', 'authorityId'],
} as const;

const clientOf = (url: string, queryBatchSize?: number): SalesforceClient =>
  createSalesforceClient(
    {
      loginUrl: url,
      clientId: 'corebridge-sync',
      clientSecret: 'corebridge-secret',
      username: 'integration@corebridge.local',
      password: 'corebridge',
    },
    // The OAuth2 login (a form-encoded body, which Pact matches only as opaque bytes) is covered by
    // the fetcher's tests against the simulated org; the pact carries the token in.
    { session: { accessToken: TOKEN, instanceUrl: url }, queryBatchSize },
  );

const bearer = () => fromProviderState(`Bearer ${stateValue('accessToken')}`, `Bearer ${TOKEN}`);

describe('Salesforce REST, as the sync service calls it (consumer pact)', () => {
  for (const entity of ['company', 'contact', 'task', 'authority'] as const) {
    const { object } = SALESFORCE_OBJECTS[entity];
    const [state, idName] = STATES[entity];
    it(`reads a ${object} by id to close a gap in the ${entity} channel`, async () => {
      await pact
        .addInteraction()
        .given(state)
        .uponReceiving(`a request for one ${object} row by id`)
        .withRequest(
          'GET',
          fromProviderState(
            `${API}/sobjects/${object}/${stateValue(idName)}`,
            `${API}/sobjects/${object}/${ids[entity]}`,
          ),
          (b) => b.headers({ authorization: bearer() }),
        )
        .willRespondWith(200, (b) => b.jsonBody(rows[entity]))
        .executeTest(async (server) => {
          const record = await createSalesforceCrmFetcher(clientOf(server.url)).fetch(
            entity,
            EXAMPLE[entity],
          );
          expect(record).toMatchObject({ id: EXAMPLE[entity], createdAt: '2020-03-02T09:00:00.000Z' });
        });
    });
  }

  it('reads a deleted Account as gone', async () => {
    await pact
      .addInteraction()
      .given('an account was deleted')
      .uponReceiving('a request for a deleted Account by id')
      .withRequest(
        'GET',
        fromProviderState(
          `${API}/sobjects/Account/${stateValue('accountId')}`,
          `${API}/sobjects/Account/${ids.company}`,
        ),
        (b) => b.headers({ authorization: bearer() }),
      )
      .willRespondWith(404, (b) =>
        b.jsonBody(
          eachLike({
            errorCode: regex('^(NOT_FOUND|ENTITY_IS_DELETED)$', 'NOT_FOUND'),
            message: like('The requested resource does not exist'),
          }),
        ),
      )
      .executeTest(async (server) => {
        expect(
          await createSalesforceCrmFetcher(clientOf(server.url)).fetch('company', EXAMPLE.company),
        ).toBeNull();
      });
  });

  it('queries the Accounts changed since a time, a first page of several', async () => {
    await pact
      .addInteraction()
      .given('more than 200 accounts changed since 2026-11-21T10:00:00Z')
      .uponReceiving('a SOQL query for Accounts changed since a time, 200 a page')
      .withRequest('GET', `${API}/query`, (b) =>
        b
          .query({ q: changedSinceSoql(SALESFORCE_OBJECTS.company, SINCE) })
          .headers({ authorization: bearer(), 'sforce-query-options': 'batchSize=200' }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          totalSize: integer(230),
          done: false,
          nextRecordsUrl: regex(
            `^${API.replaceAll('.', '\\.')}/query/[0-9A-Za-z]{18}-\\d+$`,
            `${API}/query/01g5g0000000001AAA-200`,
          ),
          records: eachLike(rows.company),
        }),
      )
      .executeTest(async (server) => {
        const page = await clientOf(server.url, 200).query(
          changedSinceSoql(SALESFORCE_OBJECTS.company, SINCE),
        );
        expect(page.nextRecordsUrl).toBe(`${API}/query/01g5g0000000001AAA-200`);
        expect(page.records.map((row) => SALESFORCE_OBJECTS.company.toNeutral(row).id)).toEqual([
          EXAMPLE.company,
        ]);
      });
  });

  it('reads the next page of a query by its nextRecordsUrl', async () => {
    await pact
      .addInteraction()
      .given('a query for changed accounts has a next page')
      .uponReceiving('a request for the next page of a query')
      .withRequest(
        'GET',
        fromProviderState(stateValue('nextRecordsUrl'), `${API}/query/01g5g0000000001AAA-200`),
        (b) => b.headers({ authorization: bearer() }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ totalSize: integer(230), done: like(true), records: eachLike(rows.company) }),
      )
      .executeTest(async (server) => {
        const page = await clientOf(server.url).queryMore(`${API}/query/01g5g0000000001AAA-200`);
        expect(page.records).toHaveLength(1);
      });
  });

  for (const entity of ['contact', 'task', 'authority'] as const) {
    const { object } = SALESFORCE_OBJECTS[entity];
    it(`queries the ${object} records changed since a time, after GAP_OVERFLOW`, async () => {
      await pact
        .addInteraction()
        .given(`${STATES[entity][0]}, changed since 2026-11-21T10:00:00Z`)
        .uponReceiving(`a SOQL query for ${object} records changed since a time`)
        .withRequest('GET', `${API}/query`, (b) =>
          b
            .query({ q: changedSinceSoql(SALESFORCE_OBJECTS[entity], SINCE) })
            .headers({ authorization: bearer() }),
        )
        .willRespondWith(200, (b) =>
          b.jsonBody({ totalSize: integer(1), done: true, records: eachLike(rows[entity]) }),
        )
        .executeTest(async (server) => {
          const records = await createSalesforceCrmFetcher(clientOf(server.url)).changedSince(entity, SINCE);
          expect(records.map((record) => record.id)).toEqual([EXAMPLE[entity]]);
        });
    });
  }
});
