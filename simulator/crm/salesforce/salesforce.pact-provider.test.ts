import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { describe, it } from 'vitest';
import type { CrmEntity } from '../../../contracts/crm/crm-records.ts';
import {
  createAuthority,
  createTask,
  fillCompany,
  fillContact,
  nth,
  ORIGIN,
} from '../../../test/pact/crm-pact-records.ts';
import { crmProviderSimulator } from '../../../test/pact/crm-provider-simulator.ts';
import { asPactMessage, nextBusMessage } from '../../../test/pact/next-bus-message.ts';
import { pactQuery, salesforceOrgSession } from '../../../test/pact/salesforce-org-session.ts';
import { SALESFORCE_CDC_TOPIC } from './salesforce-change-events.ts';
import { salesforceId } from './salesforce-id.ts';
import { sobjectOfEntity } from './sobject-catalog.ts';

const SYNC_PACT = resolve('contracts/pacts/corebridge-sync-crm-salesforce.json');

/**
 * The simulated org honours the sync service's pacts: as provider `crm-salesforce` its REST API
 * (sObject reads, SOQL queries paged by nextRecordsUrl), as `crm-salesforce-cdc` its change data
 * capture events, taken off the bus as the org publishes them.
 */
describe('the Salesforce flavor verifies the pact of the sync service (provider crm-salesforce)', () => {
  const provider = crmProviderSimulator('salesforce', 250);
  const { bus } = provider;

  const store = () => provider.sim().crm.store;
  const idOf = (entity: CrmEntity, id: string) => salesforceId(sobjectOfEntity(entity).keyPrefix, Number(id));
  const org = salesforceOrgSession(() => provider.sim().url);
  const { token } = org;
  const changedAccounts = () => {
    for (const company of [...store().all('company')].slice(0, 230)) fillCompany(store(), company);
  };
  const contact = () => fillContact(store(), nth(store(), 'contact', 5));

  let renamed = 0;
  /** Renames an account; only the name (and LastModifiedDate) changes, so the event is predictable. */
  const accountChange = async () => {
    const company = nth(store(), 'company', 7);
    const event = await nextBusMessage(bus, SALESFORCE_CDC_TOPIC, () =>
      store().update('company', company.id, { name: `ООО «Ромашка-${++renamed}»` }, ORIGIN),
    );
    return asPactMessage(event);
  };
  /** A change the org could not describe: lost after its number was taken (GAP_UPDATE) or before (GAP_OVERFLOW). */
  const withGap = async (consumeNumber: boolean) => {
    const rule = provider.sim().faults.add({
      target: 'crm.events',
      effect: { type: 'sequence-gap', consumeNumber },
    });
    try {
      return await accountChange();
    } finally {
      provider.sim().faults.remove(rule.id);
    }
  };

  it('honours contracts/pacts/corebridge-sync-crm-salesforce.json', async () => {
    await new Verifier({
      provider: 'crm-salesforce',
      providerBaseUrl: provider.sim().url,
      pactUrls: [SYNC_PACT],
      logLevel: 'warn',
      stateHandlers: {
        'an account exists': async () => ({
          ...(await token()),
          accountId: idOf('company', fillCompany(store(), nth(store(), 'company', 2)).id),
        }),
        'an account was deleted': async () => {
          const company = nth(store(), 'company', 3);
          store().remove('company', company.id, ORIGIN);
          return { ...(await token()), accountId: idOf('company', company.id) };
        },
        'a contact exists': async () => ({ ...(await token()), contactId: idOf('contact', contact().id) }),
        'a task exists': async () => ({
          ...(await token()),
          taskId: idOf('task', createTask(store(), contact()).id),
        }),
        'an authority exists': async () => ({
          ...(await token()),
          authorityId: idOf('authority', createAuthority(store(), contact()).id),
        }),
        'more than 200 accounts changed since 2026-11-21T10:00:00Z': async () => {
          changedAccounts();
          return token();
        },
        'a query for changed accounts has a next page': async () => {
          changedAccounts();
          const soql = pactQuery(SYNC_PACT, 'a SOQL query for Accounts changed since a time, 200 a page');
          const nextRecordsUrl = await org.nextRecordsUrl(soql, 200);
          return { ...(await token()), nextRecordsUrl: nextRecordsUrl ?? 'the query had one page' };
        },
        'a contact exists, changed since 2026-11-21T10:00:00Z': async () => {
          contact();
          return token();
        },
        'a task exists, changed since 2026-11-21T10:00:00Z': async () => {
          createTask(store(), contact());
          return token();
        },
        'an authority exists, changed since 2026-11-21T10:00:00Z': async () => {
          createAuthority(store(), contact());
          return token();
        },
      },
    }).verifyProvider();
  });

  it('honours contracts/pacts/corebridge-crm-writer-crm-salesforce.json (the bank’s writes)', async () => {
    await new Verifier({
      provider: 'crm-salesforce',
      providerBaseUrl: provider.sim().url,
      pactUrls: [resolve('contracts/pacts/corebridge-crm-writer-crm-salesforce.json')],
      logLevel: 'warn',
      stateHandlers: {
        'no contact has bank id bank-contact-1, account 42 exists': async () => {
          if (store().findByExternalId('contact', 'bank-contact-1'))
            throw new Error('bank-contact-1 exists already');
          return token();
        },
        'an account with bank id bank-client-1 exists': async () => {
          store().setExternalId('company', '42', 'bank-client-1', ORIGIN);
          return token();
        },
      },
    }).verifyProvider();
  });

  it('honours contracts/pacts/corebridge-sync-crm-salesforce-cdc.json with events as the org publishes them', async () => {
    await new Verifier({
      provider: 'crm-salesforce-cdc',
      providerBaseUrl: provider.sim().url,
      pactUrls: [resolve('contracts/pacts/corebridge-sync-crm-salesforce-cdc.json')],
      logLevel: 'warn',
      messageProviders: {
        'an Account change event': () => accountChange(),
        'a GAP_UPDATE event for an Account': () => withGap(true),
        'a GAP_OVERFLOW event for Accounts': () => withGap(false),
      },
    }).verifyProvider();
  });
});
