import { MatchersV3, PactV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../infra/clock.ts';
import { stateValue } from '../../test/pact/state-value.ts';
import { createSalesforceClient } from '../crm/salesforce-client.ts';
import { salesforceIdOf } from '../crm/salesforce-ids.ts';
import { loadMappingProfile } from '../mapping/load-mapping-profile.ts';
import { salesforceProfile } from '../mapping/salesforce-profile.ts';
import { isCrmRejectedError } from './crm-write-errors.ts';
import { QuotaThrottle } from './quota-throttle.ts';
import { createSalesforceCrmWriter } from './salesforce-crm-writer.ts';

const { like, regex, boolean, fromProviderState } = MatchersV3;

// Its own consumer, so its own pact file: the reading consumer's file is written by another suite.
const pact = new PactV3({
  consumer: 'corebridge-crm-writer',
  provider: 'crm-salesforce',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});
const API = '/services/data/v60.0';
const TOKEN = '00D000000000001!token';
const ACCOUNT_42 = salesforceIdOf('001', '42') as string;
const NEW_CONTACT = salesforceIdOf('003', '171') as string;
const SF_ID = (example: string) => regex('^[0-9A-Za-z]{18}$', example);
// The OAuth2 login is covered by the flavor tests; the pact carries the provider's token in.
const headers = {
  authorization: fromProviderState(`Bearer ${stateValue('accessToken')}`, `Bearer ${TOKEN}`),
  'sforce-call-options': 'client=corebridge',
  'content-type': 'application/json',
};

const writerAt = (url: string) =>
  createSalesforceCrmWriter({
    client: createSalesforceClient({
      loginUrl: url,
      clientId: '',
      clientSecret: '',
      username: '',
      password: '',
    }),
    session: { accessToken: TOKEN, instanceUrl: url },
    profile: loadMappingProfile(salesforceProfile),
    throttle: new QuotaThrottle({ burst: 25, perSecond: 25, clock: systemClock }),
    now: systemClock.now,
  });

describe('Salesforce writes, as the CRM writer makes them (consumer pact)', () => {
  it('creates a contact by upsert on the bank’s id, naming itself in Sforce-Call-Options', async () => {
    pact
      .given('no contact has bank id bank-contact-1, account 42 exists')
      .uponReceiving('an upsert of a new contact by Bank_Contact_Id__c')
      .withRequest({
        method: 'PATCH',
        path: `${API}/sobjects/Contact/Bank_Contact_Id__c/bank-contact-1`,
        headers,
        body: {
          AccountId: ACCOUNT_42,
          FirstName: 'Анна',
          LastName: 'Петрова',
          Title: 'Бухгалтер',
        },
      })
      .willRespondWith({
        status: 201,
        body: { id: SF_ID(NEW_CONTACT), success: true, errors: [], created: boolean(true) },
      });
    await pact.executeTest(async (server) => {
      const written = await writerAt(server.url).write({
        entity: 'contact',
        crmId: null,
        externalId: 'bank-contact-1',
        fields: { companyId: '42', firstName: 'Анна', lastName: 'Петрова', position: 'Бухгалтер' },
        bankWriteIds: ['1'],
      });
      expect(written.crmId).toBe('171');
    });
  });

  it('updates a client card by upsert on the bank’s id: the same call a retry makes', async () => {
    pact
      .given('an account with bank id bank-client-1 exists')
      .uponReceiving('an upsert of an existing account by Bank_Client_Id__c')
      .withRequest({
        method: 'PATCH',
        path: `${API}/sobjects/Account/Bank_Client_Id__c/bank-client-1`,
        headers,
        body: { Phone: '+7 495 111-22-33', Email__c: 'office@romashka.ru' },
      })
      .willRespondWith({
        status: 200,
        body: { id: SF_ID(ACCOUNT_42), success: true, errors: [], created: boolean(false) },
      });
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

  it('takes a 400 with an error code as a refusal for good, not an outage', async () => {
    pact
      .given('an account with bank id bank-client-1 exists')
      .uponReceiving('an upsert with a phone longer than the field allows')
      .withRequest({
        method: 'PATCH',
        path: `${API}/sobjects/Account/Bank_Client_Id__c/bank-client-1`,
        headers,
        body: { Phone: '+7'.padEnd(60, '0') },
      })
      .willRespondWith({
        status: 400,
        body: [
          {
            message: like('Phone: data value too large'),
            errorCode: like('STRING_TOO_LONG'),
            fields: [like('Phone')],
          },
        ],
      });
    await pact.executeTest(async (server) => {
      const write = writerAt(server.url).write({
        entity: 'company',
        crmId: '42',
        externalId: 'bank-client-1',
        fields: { phone: '+7'.padEnd(60, '0') },
        bankWriteIds: ['4'],
      });
      await expect(write).rejects.toSatisfy(isCrmRejectedError);
    });
  });
});
