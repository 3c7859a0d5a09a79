import { z } from 'zod';
import {
  ABS_BALANCES_TOPIC,
  ABS_POSTINGS_TOPIC,
  absBalanceEventSchema,
  absClosingPostingsMessageSchema,
  absPostingEventSchema,
} from '../abs/abs-schemas.ts';
import { CRM_MQ_TOPIC, crmCardMessageSchema } from '../crm/crm-card-message.ts';
import { SALESFORCE_CDC_TOPIC, salesforceChangeEventSchema } from '../crm/salesforce-change-event.ts';
import { MDM_MQ_TOPIC, mdmMessageSchema } from '../mdm/mdm-schemas.ts';
import { CRM_WRITE_EVENT, crmWriteSchema } from '../sync/crm-write-event.ts';
import { SYNC_FAILED_TOPIC, SYNC_PROCESSED_TOPIC, syncEventSchema } from '../sync/sync-event.ts';

/** Which broker carries a channel: Kafka always; RabbitMQ for the CRM/MDM feeds when AMQP_URL is set. */
export type EventServer = 'kafka' | 'rabbitmq';
export type EventApplication = 'simulator' | 'sync-service';

export interface EventMessage {
  readonly title: string;
  readonly summary: string;
  readonly payload: z.ZodType;
  readonly headers: z.ZodType;
}

/** One topic or MQ feed: where it goes, what it carries, who sends and who receives it. */
export interface EventChannel {
  /** The channel's id in the AsyncAPI document. */
  readonly id: string;
  /** The topic (Kafka) or exchange (RabbitMQ) name, before any `--topic-prefix`. */
  readonly address: string;
  readonly description: string;
  readonly servers: readonly EventServer[];
  /** What the message key is: one key's messages keep their order. */
  readonly key: string;
  readonly messages: Readonly<Record<string, EventMessage>>;
  readonly sentBy: EventApplication;
  readonly receivedBy?: EventApplication;
  /** Values of `{name}` placeholders in the address. */
  readonly parameters?: Readonly<Record<string, { readonly description: string; readonly enum: string[] }>>;
}

const json = z.literal('application/json');
const sourceHeaders = (source: string) => z.object({ 'content-type': json, 'x-source': z.literal(source) });
const traceHeaders = z.object({
  traceparent: z.string().optional().describe('W3C trace context of the request that made the change'),
  tracestate: z.string().optional(),
});
const failedHeaders = z.looseObject({
  'x-failed-topic': z.string().describe('The topic the message came from'),
  'x-failed-offset': z.string().describe('Its offset there'),
  'x-failed-error': z.string().max(500).describe('Why no retry could apply it'),
});
// A parked message is whatever arrived, by definition off the contract: its bytes are not described.
const anyPayload = z.unknown();

/** The topics the sync service parks poison messages of, each on `<topic>.failed`. */
export const PARKED_TOPICS = [ABS_POSTINGS_TOPIC, CRM_MQ_TOPIC, MDM_MQ_TOPIC, SALESFORCE_CDC_TOPIC];

/**
 * Every topic and MQ feed of CoreBridge. The simulator sends what the ABS, the CRM and the MDM
 * send in a bank; the sync service sends its outbox and its failures.
 */
export const EVENT_CHANNELS: readonly EventChannel[] = [
  {
    id: 'absPostings',
    address: ABS_POSTINGS_TOPIC,
    description:
      "The ABS's postings, in booking order per account (`sequence` from 1), and the batch job's closing postings of years-old periods.",
    servers: ['kafka'],
    key: 'organisation id',
    sentBy: 'simulator',
    receivedBy: 'sync-service',
    messages: {
      absPosting: {
        title: 'ABS posting',
        summary: 'One posting on an account, with the balance after it',
        payload: absPostingEventSchema,
        headers: sourceHeaders('abs'),
      },
      absClosingPostings: {
        title: 'ABS closing postings',
        summary: 'Up to 10 000 postings closing old periods, no sequence, just under 1 MB',
        payload: absClosingPostingsMessageSchema,
        headers: sourceHeaders('abs'),
      },
    },
  },
  {
    id: 'absBalances',
    address: ABS_BALANCES_TOPIC,
    description: "An account's balance after each posting.",
    servers: ['kafka'],
    key: 'organisation id',
    sentBy: 'simulator',
    messages: {
      absBalance: {
        title: 'ABS balance',
        summary: 'Balance of an account after the posting of `sequence`',
        payload: absBalanceEventSchema,
        headers: sourceHeaders('abs'),
      },
    },
  },
  {
    id: 'crmCards',
    address: CRM_MQ_TOPIC,
    description:
      "The CRM's MQ feed of companies, contacts and authorities: each record's full state with its sequence number.",
    servers: ['rabbitmq', 'kafka'],
    key: 'company id',
    sentBy: 'simulator',
    receivedBy: 'sync-service',
    messages: {
      crmCard: {
        title: 'CRM card',
        summary: 'A CRM record after a change (null state after a delete)',
        payload: crmCardMessageSchema,
        headers: sourceHeaders('crm'),
      },
    },
  },
  {
    id: 'crmSalesforceCdc',
    address: SALESFORCE_CDC_TOPIC,
    description:
      'Salesforce Change Data Capture relayed to Kafka (Salesforce flavor): changed fields only, replay ids across the topic, `GAP_*` events where Salesforce could not produce one.',
    servers: ['kafka'],
    key: 'first record id (the sObject name for GAP_OVERFLOW)',
    sentBy: 'simulator',
    receivedBy: 'sync-service',
    messages: {
      salesforceChangeEvent: {
        title: 'Salesforce change event',
        summary: 'ChangeEventHeader and the changed fields by their API names',
        payload: salesforceChangeEventSchema,
        headers: z.object({ channel: z.string().describe('e.g. /data/AccountChangeEvent') }),
      },
    },
  },
  {
    id: 'mdmLegalDetails',
    address: MDM_MQ_TOPIC,
    description: "The MDM's MQ feed of clients' legal details and bank requisites, sequenced per client.",
    servers: ['rabbitmq', 'kafka'],
    key: 'client id',
    sentBy: 'simulator',
    receivedBy: 'sync-service',
    messages: {
      mdmLegalDetails: {
        title: 'MDM legal details',
        summary: "A client's legal details after a change",
        payload: mdmMessageSchema,
        headers: sourceHeaders('mdm'),
      },
    },
  },
  {
    id: 'syncProcessed',
    address: SYNC_PROCESSED_TOPIC,
    description:
      "The sync service's transactional outbox: every change committed bank-side, published at least once (the event id tells repeats).",
    servers: ['kafka'],
    key: 'aggregate, e.g. company:<id>',
    sentBy: 'sync-service',
    receivedBy: 'sync-service',
    messages: {
      syncEvent: {
        title: 'Sync event',
        summary: 'A committed bank-side change',
        payload: syncEventSchema,
        headers: traceHeaders,
      },
      crmWriteEvent: {
        title: 'CRM write',
        summary: 'Fields of one record for the CRM writer to set in the CRM',
        payload: syncEventSchema.extend({ type: z.literal(CRM_WRITE_EVENT), data: crmWriteSchema }),
        headers: traceHeaders,
      },
    },
  },
  {
    id: 'syncFailed',
    address: SYNC_FAILED_TOPIC,
    description:
      'sync.processed events no consumer could carry out (the CRM refused the write, or it broke the contract), as they arrived; also kept in the dead-letter table.',
    servers: ['kafka'],
    key: 'as on sync.processed',
    sentBy: 'sync-service',
    messages: {
      syncFailed: {
        title: 'Failed sync event',
        summary: 'The event as it arrived, with why it failed in the headers',
        payload: anyPayload,
        headers: failedHeaders,
      },
    },
  },
  {
    id: 'parkedMessages',
    address: '{topic}.failed',
    description:
      'Poison messages of a consumed topic (they do not parse or break the contract), as they arrived; also kept in the dead-letter table for `corebridge dlq list|redrive`.',
    // A feed's poison messages are copied on the feed's own bus: RabbitMQ for the CRM/MDM feeds when AMQP_URL is set.
    servers: ['kafka', 'rabbitmq'],
    key: 'as on the topic',
    sentBy: 'sync-service',
    parameters: { topic: { description: 'The topic the message came from', enum: PARKED_TOPICS } },
    messages: {
      parkedMessage: {
        title: 'Parked message',
        summary: 'The message as it arrived, with why it was parked in the headers',
        payload: anyPayload,
        headers: failedHeaders,
      },
    },
  },
];
