import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { describe, it } from 'vitest';
import {
  createAuthority,
  createTask,
  fillCompany,
  fillContact,
  nth,
  ORIGIN,
} from '../../../test/pact/crm-pact-records.ts';
import { crmProviderSimulator } from '../../../test/pact/crm-provider-simulator.ts';

/**
 * The simulated portal, as provider `crm-bitrix24`, honours the sync service's pact: `get` and
 * `list` of companies, contacts, to-do activities and the authorities smart process.
 */
describe('the Bitrix24 flavor verifies the pact of the sync service (provider crm-bitrix24)', () => {
  const provider = crmProviderSimulator('bitrix24', 80);

  const store = () => provider.sim().crm.store;
  const contact = () => fillContact(store(), nth(store(), 'contact', 5));

  it('honours contracts/pacts/corebridge-sync-crm-bitrix24.json', async () => {
    await new Verifier({
      provider: 'crm-bitrix24',
      providerBaseUrl: provider.sim().url,
      pactUrls: [resolve('contracts/pacts/corebridge-sync-crm-bitrix24.json')],
      logLevel: 'warn',
      stateHandlers: {
        'a company exists': async () => ({ companyId: fillCompany(store(), nth(store(), 'company', 2)).id }),
        'a contact exists': async () => ({ contactId: contact().id }),
        'a to-do activity exists': async () => ({ activityId: createTask(store(), contact()).id }),
        'an authority item exists': async () => ({ itemId: createAuthority(store(), contact()).id }),
        'a company was deleted': async () => {
          const company = nth(store(), 'company', 3);
          store().remove('company', company.id, ORIGIN);
          return { companyId: company.id };
        },
        'an authority item was deleted': async () => {
          const authority = createAuthority(store(), contact());
          store().remove('authority', authority.id, ORIGIN);
          return { itemId: authority.id };
        },
        // 60 changed: a first page of 50 with `next`, and a second one.
        'more than 50 companies changed since 2026-11-21T10:00:00Z': async () => {
          for (const company of [...store().all('company')].slice(0, 60)) fillCompany(store(), company);
          return undefined;
        },
        'a contact exists, changed since 2026-11-21T10:00:00Z': async () => {
          contact();
          return undefined;
        },
        'a to-do activity exists, changed since 2026-11-21T10:00:00Z': async () => {
          createTask(store(), contact());
          return undefined;
        },
        'an authority item exists, changed since 2026-11-21T10:00:00Z': async () => {
          createAuthority(store(), contact());
          return undefined;
        },
      },
    }).verifyProvider();
  });

  it('honours contracts/pacts/corebridge-crm-writer-crm-bitrix24.json (the bank’s writes)', async () => {
    const withoutBankId = (entity: 'contact' | 'task', bankId: string) => {
      if (store().findByExternalId(entity, bankId)) throw new Error(`${bankId} exists already`);
      return undefined;
    };
    await new Verifier({
      provider: 'crm-bitrix24',
      providerBaseUrl: provider.sim().url,
      pactUrls: [resolve('contracts/pacts/corebridge-crm-writer-crm-bitrix24.json')],
      logLevel: 'warn',
      stateHandlers: {
        'no contact has bank id bank-contact-1, company 42 exists': async () =>
          withoutBankId('contact', 'bank-contact-1'),
        'no activity has bank id call-1, company 42 exists': async () => withoutBankId('task', 'call-1'),
        'company 42 exists with bank id bank-client-1': async () => {
          store().setExternalId('company', '42', 'bank-client-1', ORIGIN);
          return undefined;
        },
      },
    }).verifyProvider();
  });
});
