import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import { crmRecordWriter } from '../cache/crm-record-writer.ts';
import type { CrmFeedReferenceClient } from '../crm/crm-feed-reference-client.ts';
import { isSourceRefusedError } from '../http/get-json.ts';
import type { SourcePolicy } from '../resilience/source-policy.ts';
import type { ValidatedChannel } from './validated-channel.ts';

/**
 * The CRM's `crm.cards` feed against the feed's reference log; a record the cache is behind on is
 * healed with the last message the feed emitted for it, which carries the CRM's record version
 * (a read over the vendor's REST API would not, and could not replace a versioned row).
 */
export function crmValidatedChannel(
  reference: CrmFeedReferenceClient,
  policy: SourcePolicy,
): ValidatedChannel<CrmRecord> {
  return {
    channel: 'crm.mq',
    source: 'crm',
    writer: crmRecordWriter,
    async reference(entity, id) {
      const log = await policy
        .execute(() => reference.sequenceLog(entity, id))
        .catch((error: unknown) => (isSourceRefusedError(error, 404) ? undefined : Promise.reject(error)));
      if (!log) return undefined;
      const message = log.lastMessage;
      return {
        lastSequence: log.lastSequence,
        heal: async () =>
          message && {
            entity,
            id,
            sequence: message.sequence,
            operation: message.operation,
            state: message.state,
            at: message.emittedAt,
          },
      };
    },
  };
}
