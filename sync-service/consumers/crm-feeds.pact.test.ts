import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { crmCardMessageSchema } from '../../contracts/crm/crm-card-message.ts';
import { crmWebhookBodySchema } from '../intake/crm-webhook-body.ts';

const { like, eachLike, integer, number, regex } = MatchersV3;

/**
 * The CRM's flavor-neutral channels: the `crm.cards` MQ feed and the webhook body. The same
 * messages come from a Salesforce org and a Bitrix24 portal, so provider `crm` is verified in both.
 */
const pact = new PactV4({
  consumer: 'corebridge-sync',
  provider: 'crm',
  dir: 'contracts/pacts',
  logLevel: 'warn',
});

const ISO = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$';
const iso = (example = '2026-11-21T12:00:00.000Z') => regex(ISO, example);
const numericId = (example: string) => regex('^\\d+$', example);
const isoDate = (example: string) => regex('^\\d{4}-\\d{2}-\\d{2}$', example);
const meta = (id: string, version: number) => ({
  id: numericId(id),
  externalId: like(`bank-${id}`),
  createdAt: iso('2020-03-02T09:00:00.000Z'),
  updatedAt: iso(),
  version: integer(version),
});

/** Every field filled: a pact can only say "a string" where the CRM may also send null. */
const states = {
  company: {
    ...meta('42', 3),
    name: like('ООО «Ромашка»'),
    inn: regex('^\\d{10}(\\d{2})?$', '7707083893'),
    kpp: regex('^\\d{9}$', '773601001'),
    ogrn: regex('^\\d{13}(\\d{2})?$', '1027700132195'),
    segment: regex('^(small|medium|large)$', 'medium'),
    phone: like('+74950000000'),
    email: like('info@romashka.ru'),
    legalAddress: like('г. Москва, ул. Вавилова, д. 19'),
    custom: { creditLimit: number(2500000.5) },
  },
  task: {
    ...meta('175', 1),
    companyId: numericId('42'),
    contactId: numericId('170'),
    subject: like('Подписать допсоглашение'),
    description: like('Новый тариф с 1 декабря'),
    status: regex('^(open|in-progress|done)$', 'in-progress'),
    dueDate: isoDate('2026-12-01'),
  },
  authority: {
    ...meta('180', 2),
    companyId: numericId('42'),
    contactId: numericId('170'),
    kind: regex('^(sign-payments|view-accounts)$', 'sign-payments'),
    accountIds: eachLike(like('40702810400000012345')),
    validFrom: isoDate('2026-11-21'),
    validTo: isoDate('2027-11-21'),
  },
} as const;

const FEED_METADATA = { 'content-type': 'application/json', 'x-source': 'crm' };

/** What the `crm.cards` consumer does first with a message: parse it with its schema. */
const parseCard = (content: unknown) => crmCardMessageSchema.parse(content);

/** What the webhook intake does first with a body: parse it with its schema. */
const parseWebhook = (content: unknown) => crmWebhookBodySchema.parse(content);

const card = (entity: string, id: string, operation: string, state: unknown) => ({
  source: 'crm',
  entity,
  id: numericId(id),
  sequence: integer(2),
  operation,
  state,
  emittedAt: iso(),
});

describe('crm.cards, as the sync service consumes it (consumer message pact)', () => {
  it('receives a company card after a change, with its full state and per-entity sequence', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a company card update on crm.cards', (b) =>
        b.withJSONContent(card('company', '42', 'update', states.company)).withMetadata(FEED_METADATA),
      )
      .executeTest(async (message) => {
        const parsed = parseCard(message.contents.content);
        expect(parsed.state).toMatchObject({ id: '42', custom: { creditLimit: 2500000.5 } });
      });
  });

  it('receives an authority change: who may sign, which accounts a person sees', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('an authority update on crm.cards', (b) =>
        b.withJSONContent(card('authority', '180', 'update', states.authority)).withMetadata(FEED_METADATA),
      )
      .executeTest(async (message) => {
        expect(parseCard(message.contents.content).state).toMatchObject({ kind: 'sign-payments' });
      });
  });

  it('receives a deletion as a message without a state', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a contact deletion on crm.cards', (b) =>
        b.withJSONContent(card('contact', '170', 'delete', null)).withMetadata(FEED_METADATA),
      )
      .executeTest(async (message) => {
        expect(parseCard(message.contents.content)).toMatchObject({ operation: 'delete', state: null });
      });
  });
});

const change = (entity: string, id: string, operation: string, changedFields: unknown) => ({
  entity,
  id: numericId(id),
  operation,
  sequence: integer(3),
  changedFields,
  origin: { channel: regex('^(api|ui|system)$', 'ui'), client: null },
  at: iso(),
});
const webhookMetadata = (event: string) => ({
  'content-type': 'application/json',
  'x-corebridge-event': event,
});

describe('the CRM webhook body, as the sync service receives it (consumer message pact)', () => {
  it('receives a changed company with the record as it is after the change', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a CRM webhook for a changed company', (b) =>
        b
          .withJSONContent({
            deliveryId: like('company-42-3-1'),
            change: change('company', '42', 'update', eachLike('name')),
            record: states.company,
          })
          .withMetadata(webhookMetadata('crm.company.update')),
      )
      .executeTest(async (message) => {
        const body = parseWebhook(message.contents.content);
        expect(body.change.sequence).toBe(body.record?.version);
      });
  });

  it('receives a created task, which only webhooks and change events carry', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a CRM webhook for a created task', (b) =>
        b
          .withJSONContent({
            deliveryId: like('task-175-1-2'),
            change: { ...change('task', '175', 'create', eachLike('subject')), sequence: 1 },
            record: { ...states.task, version: 1 },
          })
          .withMetadata(webhookMetadata('crm.task.create')),
      )
      .executeTest(async (message) => {
        expect(parseWebhook(message.contents.content).record).toMatchObject({ status: 'in-progress' });
      });
  });

  it('receives a deleted contact without a record', async () => {
    await pact
      .addAsynchronousInteraction()
      .expectsToReceive('a CRM webhook for a deleted contact', (b) =>
        b
          .withJSONContent({
            deliveryId: like('contact-170-4-3'),
            change: change('contact', '170', 'delete', []),
            record: null,
          })
          .withMetadata(webhookMetadata('crm.contact.delete')),
      )
      .executeTest(async (message) => {
        expect(parseWebhook(message.contents.content)).toMatchObject({
          change: { operation: 'delete' },
          record: null,
        });
      });
  });
});
