import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { stateValue } from '../../test/pact/state-value.ts';
import { createBitrixClient } from './bitrix-client.ts';
import { createSalesforceClient } from './salesforce-client.ts';

const { like, regex, fromProviderState } = MatchersV3;
const ACCOUNT = '001000000000042AAA';

describe('Salesforce REST, as the sync service calls it (consumer pact)', () => {
  const pact = new PactV4({
    consumer: 'corebridge-sync',
    provider: 'crm-salesforce',
    dir: 'contracts/pacts',
    logLevel: 'warn',
  });
  const credentials = {
    clientId: 'corebridge-sync',
    clientSecret: 'corebridge-secret',
    username: 'integration@corebridge.local',
    password: 'corebridge',
  };

  // The OAuth2 login (a form-encoded body, which Pact matches only as opaque bytes) is covered by
  // the flavor's own tests and by jsforce against the simulator; the pact carries the token in.
  it('reads an Account by id after a gap event', async () => {
    await pact
      .addInteraction()
      .given('an account exists')
      .uponReceiving('a request for an Account by id')
      .withRequest(
        'GET',
        fromProviderState(
          `/services/data/v60.0/sobjects/Account/${stateValue('accountId')}`,
          `/services/data/v60.0/sobjects/Account/${ACCOUNT}`,
        ),
        (b) =>
          b.headers({
            authorization: fromProviderState(
              `Bearer ${stateValue('accessToken')}`,
              'Bearer 00D000000000001!token',
            ),
          }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          attributes: { type: 'Account', url: like(`/services/data/v60.0/sobjects/Account/${ACCOUNT}`) },
          Id: regex('^[a-zA-Z0-9]{18}$', ACCOUNT),
          Name: like('ООО «Ромашка»'),
          Phone: like('+74950000000'),
        }),
      )
      .executeTest(async (server) => {
        const session = { accessToken: '00D000000000001!token', instanceUrl: server.url };
        const account = await createSalesforceClient(
          { ...credentials, loginUrl: server.url },
          { session },
        ).account(ACCOUNT);
        expect(account.Id).toBe(ACCOUNT);
      });
  });
});

describe('Bitrix24 REST, as the sync service calls it (consumer pact)', () => {
  const pact = new PactV4({
    consumer: 'corebridge-sync',
    provider: 'crm-bitrix24',
    dir: 'contracts/pacts',
    logLevel: 'warn',
  });

  it('reads a company with crm.company.get after an ONCRMCOMPANYUPDATE event', async () => {
    await pact
      .addInteraction()
      .given('a company exists')
      .uponReceiving('crm.company.get for a company id')
      .withRequest('GET', '/rest/1/corebridge/crm.company.get.json', (b) =>
        b.query({ id: fromProviderState(stateValue('companyId'), '42') }),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          result: {
            ID: regex('^\\d+$', '42'),
            TITLE: like('ООО «Ромашка»'),
            DATE_MODIFY: like('2026-11-21T13:00:00+03:00'),
          },
          time: { start: like(1795270000.123) },
        }),
      )
      .executeTest(async (server) => {
        const company = await createBitrixClient(`${server.url}/rest/1/corebridge/`).company('42');
        expect(company.ID).toBe('42');
      });
  });
});
