import type pg from 'pg';
import type { Logger } from 'pino';
import { MDM_MQ_TOPIC, type MdmLegalDetails, mdmMessageSchema } from '../../contracts/mdm/mdm-schemas.ts';
import type { Clock } from '../../infra/clock.ts';
import type { EventBus, Subscription } from '../../infra/event-bus.ts';
import { legalDetailsWriter } from '../cache/legal-details-writer.ts';
import { isSourceRefusedError } from '../http/get-json.ts';
import type { MdmClient } from '../mdm/mdm-client.ts';
import type { SyncMetrics } from '../metrics.ts';
import type { SourcePolicy } from '../resilience/source-policy.ts';
import { consumeSequencedFeed } from './sequenced-feed-consumer.ts';

export interface MdmConsumerOptions {
  readonly mq: EventBus;
  readonly pool: pg.Pool;
  readonly mdm: MdmClient;
  readonly policy: SourcePolicy;
  readonly metrics: SyncMetrics;
  readonly log: Logger;
  readonly clock: Clock;
  readonly groupId: string;
}

/** The MDM's `mdm.legal-details` feed into `legal_details`; a gap is closed from the MDM's REST API. */
export function consumeMdmLegalDetails(options: MdmConsumerOptions): Promise<Subscription> {
  return consumeSequencedFeed<MdmLegalDetails>({
    ...options,
    bus: options.mq,
    topic: MDM_MQ_TOPIC,
    channel: 'mdm.mq',
    schema: mdmMessageSchema,
    writer: legalDetailsWriter,
    fetch: async (entity, id) => {
      // A client the MDM no longer knows is nothing to keep: closed as a delete.
      const state = await options.policy
        .execute(() => options.mdm.legalDetails(id))
        .catch((error: unknown) => (isSourceRefusedError(error, 404) ? null : Promise.reject(error)));
      return state && { entity, id, sequence: 0, operation: 'update', state, at: state.updatedAt };
    },
  });
}
