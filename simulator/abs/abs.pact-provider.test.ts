import { resolve } from 'node:path';
import { providerWithMetadata, Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ABS_POSTINGS_TOPIC } from '../../contracts/abs/abs-schemas.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { asPactMessage, nextBusMessage } from '../../test/pact/next-bus-message.ts';
import { type Simulator, startSimulator } from '../start-simulator.ts';
import { ABS_EVENT_HEADERS } from './abs-event-feed.ts';

/**
 * The simulator, as provider `abs`, honours every pact its consumers wrote (contracts/pacts):
 * HTTP interactions against the running simulator, messages as its posting feed produces them.
 */
describe('ABS simulator verifies the pacts of its consumers (provider)', () => {
  const bus = createMemoryBus();
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      seed: 11,
      dataset: { organisations: 10, accountsPerOrganisation: 3 },
      bus,
      clock: { now: () => Date.UTC(2026, 10, 21, 10) },
    });
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
  });

  const someAccount = () =>
    sim.abs.store.allAccounts()[0] ?? Promise.reject(new Error('the dataset has no accounts'));

  it('honours contracts/pacts/corebridge-sync-abs.json', async () => {
    await new Verifier({
      provider: 'abs',
      providerBaseUrl: sim.url,
      pactUrls: [resolve('contracts/pacts/corebridge-sync-abs.json')],
      logLevel: 'warn',
      stateHandlers: {
        'the ABS has organisations': async () => undefined,
        'an organisation with accounts': async () => ({
          organisationId: (await someAccount()).organisationId,
        }),
        'an account with postings': async () => {
          const account = await someAccount();
          while ((sim.abs.store.account(account.id)?.lastSequence ?? 0) < 5) {
            sim.abs.store.book(
              account.id,
              { postingId: crypto.randomUUID(), amountMinor: -120000, description: 'Комиссия' },
              Date.now(),
            );
          }
          return { accountId: account.id };
        },
      },
      messageProviders: {
        'a booked posting': providerWithMetadata(async () => {
          const account = await someAccount();
          return sim.abs.store.postingsAfter(account.id, 0, 1)[0];
        }, ABS_EVENT_HEADERS),
        // The ABS's batch job, as an avalanche fault rule starts it, taken off the bus.
        'a closing-postings message': async () => {
          const avalanche = {
            id: 'pact-avalanche',
            target: 'abs.events',
            effect: { type: 'avalanche', messages: 1, itemsPerMessage: 3 },
          };
          try {
            const burst = await nextBusMessage(
              bus,
              ABS_POSTINGS_TOPIC,
              () => sim.faults.add(avalanche),
              (message) => message.value.toString('utf8').startsWith('{"type":"closing-postings"'),
            );
            return asPactMessage(burst);
          } finally {
            sim.faults.remove(avalanche.id);
          }
        },
      },
    }).verifyProvider();
  });
});
