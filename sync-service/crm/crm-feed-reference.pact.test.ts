import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { stateValue } from '../../test/pact/state-value.ts';
import { createCrmFeedReferenceClient } from './crm-feed-reference-client.ts';

const { like, integer, regex, fromProviderState } = MatchersV3;

/**
 * The reference log of the CRM's MQ feed (provider `crm-feed`), read by sampled validation: the
 * last sequence number of a record and the message that carried it, the same in every CRM flavor.
 */
const pact = new PactV4({
  consumer: 'corebridge-sync',
  provider: 'crm-feed',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});

const ISO = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
const iso = (example = '2026-11-21T12:00:00.000Z') => regex(ISO, example);
const COMPANY = '42';

describe("the CRM feed's reference log, as sampled validation reads it (consumer pact)", () => {
  it('reads the last sequence of a client card and the message that carried it', async () => {
    await pact
      .addInteraction()
      .given('a client card the feed carried twice')
      .uponReceiving("a request for the feed's sequence log of a client card")
      .withRequest(
        'GET',
        fromProviderState(
          `/crm/feed/v1/sequence-log/company/${stateValue('companyId')}`,
          `/crm/feed/v1/sequence-log/company/${COMPANY}`,
        ),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          entity: 'company',
          id: regex('^\\d+$', COMPANY),
          lastSequence: integer(2),
          lastEmittedAt: iso(),
          lastMessage: {
            source: 'crm',
            entity: 'company',
            id: regex('^\\d+$', COMPANY),
            sequence: integer(2),
            operation: 'update',
            state: {
              id: regex('^\\d+$', COMPANY),
              externalId: like(`bank-${COMPANY}`),
              createdAt: iso('2020-03-02T09:00:00.000Z'),
              updatedAt: iso(),
              version: integer(3),
              name: like('ООО «Ромашка»'),
              inn: regex('^\\d{10}(\\d{2})?$', '7707083893'),
              kpp: regex('^\\d{9}$', '773601001'),
              ogrn: regex('^\\d{13}(\\d{2})?$', '1027700132195'),
              segment: regex('^(small|medium|large)$', 'medium'),
              phone: like('+74950000000'),
              email: like('info@romashka.ru'),
              legalAddress: like('г. Москва, ул. Вавилова, д. 19'),
              custom: { creditLimit: MatchersV3.number(2500000.5) },
            },
            emittedAt: iso(),
          },
        }),
      )
      .executeTest(async (server) => {
        const reference = await createCrmFeedReferenceClient(server.url).sequenceLog('company', COMPANY);
        expect(reference.lastSequence).toBe(2);
        expect(reference.lastMessage?.state?.version).toBe(3);
      });
  });
});
