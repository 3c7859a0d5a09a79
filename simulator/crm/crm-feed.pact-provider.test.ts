import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { describe, it } from 'vitest';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { fillCompany, nth, ORIGIN } from '../../test/pact/crm-pact-records.ts';
import { startSimulator } from '../start-simulator.ts';
import type { CrmFlavor } from './crm-flavor.ts';

/**
 * The CRM feed's reference log is vendor-neutral like the feed itself, so provider `crm-feed` is
 * verified against the simulator in each CRM flavor.
 */
async function verifyIn(flavor: CrmFlavor): Promise<void> {
  await using bus = createMemoryBus();
  await using sim = await startSimulator({
    seed: 23,
    dataset: { organisations: 20, accountsPerOrganisation: 1 },
    bus,
    clock: { now: () => Date.now() },
    crmFlavor: flavor,
  });
  await new Verifier({
    provider: 'crm-feed',
    providerBaseUrl: sim.url,
    pactUrls: [resolve('contracts/pacts/corebridge-sync-crm-feed.json')],
    logLevel: 'warn',
    stateHandlers: {
      // Filled (one feed message), then renamed (a second): every field the pact names is set.
      'a client card the feed carried twice': async () => {
        const store = sim.crm.store;
        const company = fillCompany(store, nth(store, 'company', 3));
        store.update('company', company.id, { name: 'ООО «Ромашка»' }, ORIGIN);
        return { companyId: company.id };
      },
    },
  }).verifyProvider();
}

describe('the CRM simulator verifies the pact of its feed reference log (provider crm-feed)', () => {
  it('in the Salesforce flavor', () => verifyIn('salesforce'));
  it('in the Bitrix24 flavor', () => verifyIn('bitrix24'));
});
