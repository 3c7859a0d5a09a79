import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { absClosingPostingsMessageSchema, absPostingEventSchema } from '../../contracts/abs/abs-schemas.ts';
import { stateValue } from '../../test/pact/state-value.ts';
import { createAbsClient } from './abs-client.ts';

const { like, eachLike, uuid, integer, regex, datetime, fromProviderState } = MatchersV3;
const ORGANISATION = '5fb9220d-9b0f-4d32-a248-6492457c3890';
const ACCOUNT = '4882fcfe-9e13-4056-b4d5-482c1fc30dbb';

// One file per consumer-provider pair: pact files are merged on write, and parallel writers would race.
const pact = new PactV4({
  consumer: 'corebridge-sync',
  provider: 'abs',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});

const account = {
  id: uuid(ACCOUNT),
  organisationId: uuid(ORGANISATION),
  number: regex(/^\d{20}$/.source, '40702810031863033768'),
  currency: regex('^(RUB|USD|EUR|CNY)$', 'RUB'),
  balanceMinor: integer(566216818),
  lastSequence: integer(2),
};

const posting = {
  postingId: uuid('0d4f9f2e-8a43-4e0a-9a4b-1f6a3c2b9e11'),
  accountId: uuid(ACCOUNT),
  organisationId: uuid(ORGANISATION),
  accountNumber: regex(/^\d{20}$/.source, '40702810031863033768'),
  currency: regex('^(RUB|USD|EUR|CNY)$', 'RUB'),
  sequence: integer(3),
  amountMinor: integer(-120000),
  balanceAfterMinor: integer(566096818),
  bookedAt: datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", '2026-11-21T10:15:30.000Z'),
  description: like('Оплата по счёту 000123'),
};

describe('ABS REST, as the sync service calls it (consumer pact)', () => {
  it('lists organisations page by page', async () => {
    await pact
      .addInteraction()
      .given('the ABS has organisations')
      .uponReceiving('a request for the first page of organisations')
      .withRequest('GET', '/abs/api/v1/organisations', (b) => b.query({ offset: '0', limit: '500' }))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          items: eachLike({
            id: uuid(ORGANISATION),
            name: like('ООО «Ромашка»'),
            inn: regex(/^\d{10}(\d{2})?$/.source, '7707083893'),
          }),
          total: integer(1),
          nextOffset: null,
        }),
      )
      .executeTest(async (server) => {
        const organisations = await createAbsClient(server.url).listOrganisations();
        expect(organisations[0]?.id).toBe(ORGANISATION);
      });
  });

  it('pings with the smallest page of organisations, for the read API’s freshness', async () => {
    await pact
      .addInteraction()
      .given('the ABS has organisations')
      .uponReceiving('a request for one organisation, as a probe')
      .withRequest('GET', '/abs/api/v1/organisations', (b) => b.query({ offset: '0', limit: '1' }))
      .willRespondWith(200, (b) =>
        b.jsonBody({
          items: eachLike({
            id: uuid(ORGANISATION),
            name: like('ООО «Ромашка»'),
            inn: regex(/^\d{10}(\d{2})?$/.source, '7707083893'),
          }),
          total: integer(2),
          nextOffset: integer(1),
        }),
      )
      .executeTest(async (server) => {
        await expect(createAbsClient(server.url).ping()).resolves.toBeUndefined();
      });
  });

  it("reads an organisation's accounts", async () => {
    await pact
      .addInteraction()
      .given('an organisation with accounts')
      .uponReceiving("a request for an organisation's accounts")
      .withRequest(
        'GET',
        fromProviderState(
          `/abs/api/v1/organisations/${stateValue('organisationId')}/accounts`,
          `/abs/api/v1/organisations/${ORGANISATION}/accounts`,
        ),
      )
      .willRespondWith(200, (b) =>
        b.jsonBody({ organisationId: uuid(ORGANISATION), accounts: eachLike(account) }),
      )
      .executeTest(async (server) => {
        const accounts = await createAbsClient(server.url).accountsOf(ORGANISATION);
        expect(accounts[0]).toMatchObject({ id: ACCOUNT, lastSequence: 2 });
      });
  });

  it('fetches the postings of an account after a sequence, to close a gap', async () => {
    await pact
      .addInteraction()
      .given('an account with postings')
      .uponReceiving('a request for the postings of an account after sequence 2')
      .withRequest(
        'GET',
        fromProviderState(
          `/abs/api/v1/accounts/${stateValue('accountId')}/postings`,
          `/abs/api/v1/accounts/${ACCOUNT}/postings`,
        ),
        (b) => b.query({ afterSequence: '2', limit: '1000' }),
      )
      .willRespondWith(200, (b) => b.jsonBody({ accountId: uuid(ACCOUNT), postings: eachLike(posting) }))
      .executeTest(async (server) => {
        const postings = await createAbsClient(server.url).postingsAfter(ACCOUNT, 2);
        expect(postings[0]).toMatchObject({ accountId: ACCOUNT, sequence: 3 });
      });
  });
});

describe('abs.postings, as the sync service consumes it (consumer message pact)', () => {
  it('receives a booked posting with its per-account sequence and the balance after it', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('an account with postings')
      .expectsToReceive('a booked posting', (b) =>
        b.withJSONContent(posting).withMetadata({ 'content-type': 'application/json', 'x-source': 'abs' }),
      )
      .executeTest(async (message) => {
        // What the consumer does first with every message: parse it with the shared schema.
        const event = absPostingEventSchema.parse(message.contents.content);
        expect(event.sequence).toBe(3);
      });
  });

  it('receives a burst of closing postings of a long-closed period, many to a message (I4)', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a closing-postings message', (b) =>
        b.withJSONContent({
          type: 'closing-postings',
          postings: eachLike({
            postingId: like('closing-1795255200000-0'),
            accountId: uuid(ACCOUNT),
            organisationId: uuid(ORGANISATION),
            bookedAt: datetime("yyyy-MM-dd'T'HH:mm:ss.SSSX", '2016-11-23T10:00:00.000Z'),
            amountMinor: integer(-35000),
            description: like('Закрытие периода'),
          }),
        }),
      )
      .executeTest(async (message) => {
        const burst = absClosingPostingsMessageSchema.parse(message.contents.content);
        expect(burst.postings[0]?.accountId).toBe(ACCOUNT);
      });
  });
});
