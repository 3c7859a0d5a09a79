import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from '../start-simulator.ts';

describe('MDM simulator verifies the pacts of its consumers (provider mdm)', () => {
  const bus = createMemoryBus();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 13,
      dataset: { organisations: 10, accountsPerOrganisation: 2 },
      bus,
      clock: { now: () => Date.now() },
    });
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
  });

  it('honours contracts/pacts/corebridge-sync-mdm.json', async () => {
    await new Verifier({
      provider: 'mdm',
      providerBaseUrl: sim.url,
      pactUrls: [resolve('contracts/pacts/corebridge-sync-mdm.json')],
      logLevel: 'warn',
      stateHandlers: {
        // A client with a KPP (legal entity) whose details changed twice on the feed.
        'a client with legal details': async () => {
          const client = [...sim.abs.store.organisations.values()].find((o) => o.inn.length === 10);
          if (!client) throw new Error('the dataset has no legal entity');
          sim.mdm.store.change(client.id, { legalAddress: 'г. Москва, ул. Вавилова, д. 19' });
          sim.mdm.store.change(client.id, { legalAddress: 'г. Москва, ул. Вавилова, д. 21' });
          return { clientId: client.id };
        },
      },
    }).verifyProvider();
  });
});
