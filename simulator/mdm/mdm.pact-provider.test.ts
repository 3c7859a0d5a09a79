import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { MDM_MQ_TOPIC } from '../../contracts/mdm/mdm-schemas.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { asPactMessage, nextBusMessage } from '../../test/pact/next-bus-message.ts';
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

  /** A client with a KPP: a legal entity, whose details have every field the pact names. */
  const legalEntity = () => {
    const client = [...sim.abs.store.organisations.values()].find((o) => o.inn.length === 10);
    if (!client)
      throw new Error('Failed to set up the MDM: the dataset has no legal entity. Seed more clients.');
    return client;
  };
  let moves = 0;

  it('honours contracts/pacts/corebridge-sync-mdm.json', async () => {
    await new Verifier({
      provider: 'mdm',
      providerBaseUrl: sim.url,
      pactUrls: [resolve('contracts/pacts/corebridge-sync-mdm.json')],
      logLevel: 'warn',
      stateHandlers: {
        // A client with a KPP (legal entity) whose details changed twice on the feed.
        'a client with legal details': async () => {
          const client = legalEntity();
          sim.mdm.store.change(client.id, { legalAddress: 'г. Москва, ул. Вавилова, д. 19' });
          sim.mdm.store.change(client.id, { legalAddress: 'г. Москва, ул. Вавилова, д. 21' });
          return { clientId: client.id };
        },
      },
      messageProviders: {
        // The details change as the MDM's own feed publishes it: taken off the bus.
        'a legal details change on mdm.legal-details': async () => {
          const client = legalEntity();
          const legalAddress = `г. Москва, ул. Вавилова, д. ${++moves + 30}`;
          const message = await nextBusMessage(
            bus,
            MDM_MQ_TOPIC,
            () => sim.mdm.store.change(client.id, { legalAddress }),
            (candidate) => candidate.value.toString('utf8').includes(legalAddress),
          );
          return asPactMessage(message);
        },
      },
    }).verifyProvider();
  });
});
