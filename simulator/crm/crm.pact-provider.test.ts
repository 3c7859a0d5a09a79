import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { describe, it } from 'vitest';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createSalesforceClient } from '../../sync-service/crm/salesforce-client.ts';
import { startSimulator } from '../start-simulator.ts';
import { CRM_TEST_CREDENTIALS, type CrmFlavor } from './crm-flavor.ts';
import { salesforceId } from './salesforce/index.ts';

async function verify(
  flavor: CrmFlavor,
  provider: string,
  stateHandlers: (url: string) => ConstructorParameters<typeof Verifier>[0]['stateHandlers'],
) {
  await using bus = createMemoryBus();
  await using sim = await startSimulator({
    seed: 17,
    dataset: { organisations: 10, accountsPerOrganisation: 1 },
    bus,
    clock: { now: () => Date.now() },
    crmFlavor: flavor,
  });
  await new Verifier({
    provider,
    providerBaseUrl: sim.url,
    pactUrls: [resolve(`contracts/pacts/corebridge-sync-${provider}.json`)],
    logLevel: 'warn',
    stateHandlers: stateHandlers(sim.url),
  }).verifyProvider();
}

describe('the CRM simulator verifies the pacts of its consumers, in each flavor', () => {
  it('as provider crm-salesforce', async () => {
    await verify('salesforce', 'crm-salesforce', (url) => ({
      'an account exists': async () => {
        // The sync service's own Salesforce client logs in, as it will against a real org.
        const { accessToken } = await createSalesforceClient({
          ...CRM_TEST_CREDENTIALS.salesforce,
          loginUrl: url,
        }).login();
        return { accountId: salesforceId('001', 3), accessToken: accessToken };
      },
    }));
  });

  it('as provider crm-bitrix24', async () => {
    await verify('bitrix24', 'crm-bitrix24', () => ({
      'a company exists': async () => ({ companyId: '3' }),
    }));
  });
});
