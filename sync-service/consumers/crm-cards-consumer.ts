import type pg from 'pg';
import type { Logger } from 'pino';
import { CRM_MQ_TOPIC, crmCardMessageSchema } from '../../contracts/crm/crm-card-message.ts';
import { type CrmRecord, crmEntitySchema } from '../../contracts/crm/crm-records.ts';
import type { Clock } from '../../infra/clock.ts';
import type { EventBus, Subscription } from '../../infra/event-bus.ts';
import { crmRecordWriter } from '../cache/crm-record-writer.ts';
import type { CrmFetcher } from '../crm/crm-fetcher.ts';
import type { SyncMetrics } from '../metrics.ts';
import type { SourcePolicy } from '../resilience/source-policy.ts';
import { consumeSequencedFeed } from './sequenced-feed-consumer.ts';

export interface CrmCardsConsumerOptions {
  readonly mq: EventBus;
  readonly pool: pg.Pool;
  /** Closes gaps by fetching from the CRM; without one, the message that revealed a gap closes it. */
  readonly crm?: CrmFetcher;
  readonly policy: SourcePolicy;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  readonly clock: Clock;
  readonly groupId: string;
}

/** The CRM's `crm.cards` feed into `crm_records`; a gap is closed by fetching the record from the CRM. */
export function consumeCrmCards(options: CrmCardsConsumerOptions): Promise<Subscription> {
  const { crm } = options;
  return consumeSequencedFeed<CrmRecord>({
    ...options,
    bus: options.mq,
    topic: CRM_MQ_TOPIC,
    channel: 'crm.mq',
    schema: crmCardMessageSchema,
    writer: crmRecordWriter,
    fetch: crm
      ? async (entity, id) => {
          const state = await options.policy.execute(() => crm.fetch(crmEntitySchema.parse(entity), id));
          return state && { entity, id, sequence: 0, operation: 'update', state, at: state.updatedAt };
        }
      : undefined,
  });
}
