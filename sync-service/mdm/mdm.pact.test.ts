import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { mdmMessageSchema } from '../../contracts/mdm/mdm-schemas.ts';
import { stateValue } from '../../test/pact/state-value.ts';
import { createMdmClient } from './mdm-client.ts';

const { like, eachLike, uuid, integer, regex, datetime, fromProviderState } = MatchersV3;
const CLIENT = '8a7f0e52-1c3b-8d4e-9f60-0a1b2c3d4e5f';
const pact = new PactV4({
  consumer: 'corebridge-sync',
  provider: 'mdm',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});

const legalDetails = {
  clientId: uuid(CLIENT),
  inn: regex(/^\d{10}(\d{2})?$/.source, '7707083893'),
  kpp: regex(/^\d{9}$/.source, '773601001'),
  ogrn: regex(/^\d{13}(\d{2})?$/.source, '1027700132195'),
  legalAddress: like('г. Москва, ул. Вавилова, д. 19'),
  bankRequisites: {
    bankName: like('АО «КорБридж Банк»'),
    bic: regex(/^\d{9}$/.source, '044525910'),
    correspondentAccount: regex(/^\d{20}$/.source, '30101810100000000910'),
    settlementAccounts: eachLike(regex(/^\d{20}$/.source, '40702810100000012345')),
  },
  version: integer(1),
  updatedAt: datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", '2026-01-01T00:00:00.000Z'),
};

describe('MDM REST, as the sync service calls it (consumer pact)', () => {
  it('looks up the legal details of a client', async () => {
    await pact
      .addInteraction()
      .given('a client with legal details')
      .uponReceiving("a request for a client's legal details")
      .withRequest(
        'GET',
        fromProviderState(
          `/mdm/api/v1/legal-entities/${stateValue('clientId')}`,
          `/mdm/api/v1/legal-entities/${CLIENT}`,
        ),
      )
      .willRespondWith(200, (b) => b.jsonBody(legalDetails))
      .executeTest(async (server) => {
        const details = await createMdmClient(server.url).legalDetails(CLIENT);
        expect(details.inn).toBe('7707083893');
      });
  });

  it("reads the MDM's reference sequence log for a client", async () => {
    await pact
      .addInteraction()
      .given('a client with legal details')
      .uponReceiving('a request for the sequence log of a client')
      .withRequest(
        'GET',
        fromProviderState(
          `/mdm/api/v1/sequence-log/legal-details/${stateValue('clientId')}`,
          `/mdm/api/v1/sequence-log/legal-details/${CLIENT}`,
        ),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({
          entity: 'legal-details',
          id: uuid(CLIENT),
          lastSequence: integer(2),
          lastEmittedAt: datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", '2026-11-21T10:00:00.000Z'),
        }),
      )
      .executeTest(async (server) => {
        expect((await createMdmClient(server.url).sequenceLog(CLIENT)).lastSequence).toBe(2);
      });
  });
});

describe('mdm.legal-details, as the sync service consumes it (consumer message pact)', () => {
  it("receives a client's legal details after a change, with the per-client feed sequence", async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a legal details change on mdm.legal-details', (b) =>
        b
          .withJSONContent({
            source: 'mdm',
            entity: 'legal-details',
            id: uuid(CLIENT),
            sequence: integer(2),
            operation: 'update',
            state: { ...legalDetails, version: integer(2) },
            emittedAt: datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", '2026-11-21T10:00:00.000Z'),
          })
          .withMetadata({ 'content-type': 'application/json', 'x-source': 'mdm' }),
      )
      .executeTest(async (message) => {
        // What the consumer does first with every message: parse it with the shared schema.
        const parsed = mdmMessageSchema.parse(message.contents.content);
        expect(parsed.state?.clientId).toBe(parsed.id);
      });
  });
});
