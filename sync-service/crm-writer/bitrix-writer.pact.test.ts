import { MatchersV3, PactV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../infra/clock.ts';
import { bitrixProfile } from '../mapping/bitrix-profile.ts';
import { loadMappingProfile } from '../mapping/load-mapping-profile.ts';
import { createBitrixCrmWriter } from './bitrix-crm-writer.ts';
import { QuotaThrottle } from './quota-throttle.ts';

const { integer, number, boolean } = MatchersV3;

// Its own consumer, so its own pact file: the reading consumer's file is written by another suite.
const pact = new PactV3({
  consumer: 'corebridge-crm-writer',
  provider: 'crm-bitrix24',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});
const HOOK = '/rest/1/corebridge';
const time = { start: number(1795348800.123) };

const writerAt = (url: string) =>
  createBitrixCrmWriter({
    webhookUrl: `${url}${HOOK}/`,
    profile: loadMappingProfile(bitrixProfile),
    throttle: new QuotaThrottle({ burst: 50, perSecond: 2, clock: systemClock }),
  });

describe('Bitrix24 writes, as the CRM writer makes them (consumer pact)', () => {
  it('creates a contact: looks the bank’s id up first, adds when the portal has none', async () => {
    pact
      .given('no contact has bank id bank-contact-1, company 42 exists')
      .uponReceiving('crm.contact.list by UF_CRM_BANK_ID finding nothing')
      .withRequest({
        method: 'POST',
        path: `${HOOK}/crm.contact.list.json`,
        body: { filter: { UF_CRM_BANK_ID: 'bank-contact-1' }, select: ['ID'] },
      })
      .willRespondWith({ status: 200, body: { result: [], total: 0, time } })
      .given('no contact has bank id bank-contact-1, company 42 exists')
      .uponReceiving('crm.contact.add with the bank id in UF_CRM_BANK_ID')
      .withRequest({
        method: 'POST',
        path: `${HOOK}/crm.contact.add.json`,
        body: {
          fields: {
            COMPANY_ID: '42',
            NAME: 'Анна',
            LAST_NAME: 'Петрова',
            PHONE: [{ VALUE: '+79160000000', VALUE_TYPE: 'WORK' }],
            UF_CRM_BANK_ID: 'bank-contact-1',
          },
        },
      })
      .willRespondWith({ status: 200, body: { result: integer(171), time } });
    await pact.executeTest(async (server) => {
      const written = await writerAt(server.url).write({
        entity: 'contact',
        crmId: null,
        externalId: 'bank-contact-1',
        fields: { companyId: '42', firstName: 'Анна', lastName: 'Петрова', phone: '+79160000000' },
        bankWriteIds: ['1'],
      });
      expect(written.crmId).toMatch(/^\d+$/);
    });
  });

  it('updates a client card by the CRM’s id, with the bank id kept in UF_CRM_BANK_ID', async () => {
    pact
      .given('company 42 exists with bank id bank-client-1')
      .uponReceiving('crm.company.update of phone and email')
      .withRequest({
        method: 'POST',
        path: `${HOOK}/crm.company.update.json`,
        body: {
          id: '42',
          fields: {
            PHONE: [{ VALUE: '+7 495 111-22-33', VALUE_TYPE: 'WORK' }],
            EMAIL: [{ VALUE: 'office@romashka.ru', VALUE_TYPE: 'WORK' }],
            UF_CRM_BANK_ID: 'bank-client-1',
          },
        },
      })
      .willRespondWith({ status: 200, body: { result: boolean(true), time } });
    await pact.executeTest(async (server) => {
      const written = await writerAt(server.url).write({
        entity: 'company',
        crmId: '42',
        externalId: 'bank-client-1',
        fields: { phone: '+7 495 111-22-33', email: 'office@romashka.ru' },
        bankWriteIds: ['2', '3'],
      });
      expect(written.crmId).toBe('42');
    });
  });

  it('writes an interaction as a completed activity of the company, the bank id in ORIGIN_ID', async () => {
    pact
      .given('no activity has bank id call-1, company 42 exists')
      .uponReceiving('crm.activity.list by ORIGIN_ID finding nothing')
      .withRequest({
        method: 'POST',
        path: `${HOOK}/crm.activity.list.json`,
        body: { filter: { ORIGIN_ID: 'call-1' }, select: ['ID'] },
      })
      .willRespondWith({ status: 200, body: { result: [], total: 0, time } })
      .given('no activity has bank id call-1, company 42 exists')
      .uponReceiving('crm.activity.add of a completed activity')
      .withRequest({
        method: 'POST',
        path: `${HOOK}/crm.activity.add.json`,
        body: {
          fields: {
            OWNER_TYPE_ID: 4,
            ORIGINATOR_ID: 'corebridge',
            OWNER_ID: '42',
            SUBJECT: 'Звонок клиента',
            COMPLETED: 'Y',
            DEADLINE: '2026-11-20',
            ORIGIN_ID: 'call-1',
          },
        },
      })
      .willRespondWith({ status: 200, body: { result: integer(176), time } });
    await pact.executeTest(async (server) => {
      const written = await writerAt(server.url).write({
        entity: 'task',
        crmId: null,
        externalId: 'call-1',
        fields: { companyId: '42', subject: 'Звонок клиента', status: 'done', dueDate: '2026-11-20' },
        bankWriteIds: ['5'],
      });
      expect(written.crmId).toMatch(/^\d+$/);
    });
  });
});
