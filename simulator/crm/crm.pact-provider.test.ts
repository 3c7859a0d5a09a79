import { resolve } from 'node:path';
import { Verifier } from '@pact-foundation/pact';
import { describe, it } from 'vitest';
import type { SequencedMessage } from '../../contracts/feeds/sequenced-message.ts';
import type { BusMessage } from '../../infra/event-bus.ts';
import { createMemoryBus } from '../../infra/memory/memory-bus.ts';
import { createAuthority, createTask, fillCompany, nth, ORIGIN } from '../../test/pact/crm-pact-records.ts';
import { asPactMessage, nextBusMessage } from '../../test/pact/next-bus-message.ts';
import { type ReceivedWebhook, startWebhookReceiver } from '../../test/pact/webhook-receiver.ts';
import { startSimulator } from '../start-simulator.ts';
import type { CrmFlavor } from './crm-flavor.ts';
import { CRM_MQ_TOPIC } from './crm-mq-feed.ts';
import type { CrmStore } from './crm-store.ts';
import type { CrmWebhookBody } from './crm-webhooks.ts';

const cardOf = (message: BusMessage) =>
  JSON.parse(message.value.toString('utf8')) as SequencedMessage<unknown>;
const webhookOf = (webhook: ReceivedWebhook) => JSON.parse(webhook.body) as CrmWebhookBody;

/** A contact made only to be deleted, so every deletion the verifier asks for has a fresh one. */
function disposableContact(store: CrmStore) {
  const company = nth(store, 'company', 9);
  return store.create(
    'contact',
    {
      companyId: company.id,
      firstName: 'Пётр',
      lastName: 'Временный',
      middleName: null,
      phone: null,
      email: null,
      position: null,
    },
    ORIGIN,
  );
}

/**
 * The CRM's flavor-neutral channels (the `crm.cards` MQ feed and the signed webhooks) are the same
 * whichever vendor's API the CRM speaks, so provider `crm` is verified against the simulator in
 * each flavor: messages are taken off the bus and the webhook endpoint as the simulator sends them.
 */
async function verifyIn(flavor: CrmFlavor): Promise<void> {
  await using receiver = await startWebhookReceiver();
  await using bus = createMemoryBus();
  await using sim = await startSimulator({
    seed: 19,
    dataset: { organisations: 20, accountsPerOrganisation: 1 },
    bus,
    clock: { now: () => Date.now() },
    crmFlavor: flavor,
    crmWebhook: { url: receiver.url, secret: 'pact-secret' },
  });
  const store = sim.crm.store;
  let edits = 0;
  /** A filled company renamed: a change with a full state, told apart from others by its new name. */
  const renameCompany = () => {
    const company = fillCompany(store, nth(store, 'company', 4));
    const name = `ООО «Ромашка-${++edits}»`;
    return { trigger: () => store.update('company', company.id, { name }, ORIGIN), id: company.id, name };
  };

  await new Verifier({
    provider: 'crm',
    providerBaseUrl: sim.url,
    pactUrls: [resolve('contracts/pacts/corebridge-sync-crm.json')],
    logLevel: 'warn',
    messageProviders: {
      'a company card update on crm.cards': async () => {
        const { trigger, id, name } = renameCompany();
        return asPactMessage(
          await nextBusMessage(bus, CRM_MQ_TOPIC, trigger, (message) => {
            const card = cardOf(message);
            return (
              card.entity === 'company' && card.id === id && (card.state as { name?: string })?.name === name
            );
          }),
        );
      },
      'an authority update on crm.cards': async () => {
        const authority = createAuthority(store, nth(store, 'contact', 3));
        const trigger = () =>
          store.update('authority', authority.id, { accountIds: ['40702810400000099999'] }, ORIGIN);
        return asPactMessage(
          await nextBusMessage(bus, CRM_MQ_TOPIC, trigger, (message) => {
            const card = cardOf(message);
            return card.entity === 'authority' && card.id === authority.id && card.operation === 'update';
          }),
        );
      },
      'a contact deletion on crm.cards': async () => {
        const contact = disposableContact(store);
        return asPactMessage(
          await nextBusMessage(
            bus,
            CRM_MQ_TOPIC,
            () => store.remove('contact', contact.id, ORIGIN),
            (message) => cardOf(message).id === contact.id && cardOf(message).operation === 'delete',
          ),
        );
      },
      'a CRM webhook for a changed company': () => {
        const { trigger, id, name } = renameCompany();
        return receiver.next(trigger, (webhook) => {
          const body = webhookOf(webhook);
          return body.change.id === id && (body.record as { name?: string } | null)?.name === name;
        });
      },
      'a CRM webhook for a created task': () => {
        let id = '';
        return receiver.next(
          () => {
            id = createTask(store, nth(store, 'contact', 3)).id;
          },
          (webhook) => webhookOf(webhook).change.entity === 'task' && webhookOf(webhook).change.id === id,
        );
      },
      'a CRM webhook for a deleted contact': () => {
        const contact = disposableContact(store);
        return receiver.next(
          () => store.remove('contact', contact.id, ORIGIN),
          (webhook) =>
            webhookOf(webhook).change.id === contact.id && webhookOf(webhook).change.operation === 'delete',
        );
      },
    },
  }).verifyProvider();
}

describe('the CRM simulator verifies the pact of its flavor-neutral channels (provider crm)', () => {
  it('in the Salesforce flavor', async () => {
    await verifyIn('salesforce');
  });

  it('in the Bitrix24 flavor', async () => {
    await verifyIn('bitrix24');
  });
});
