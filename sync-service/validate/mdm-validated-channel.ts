import type { MdmLegalDetails } from '../../contracts/mdm/mdm-schemas.ts';
import { legalDetailsWriter } from '../cache/legal-details-writer.ts';
import { isSourceRefusedError } from '../http/get-json.ts';
import type { MdmClient } from '../mdm/mdm-client.ts';
import type { SourcePolicy } from '../resilience/source-policy.ts';
import type { ValidatedChannel } from './validated-channel.ts';

const orGone = (error: unknown) => (isSourceRefusedError(error, 404) ? undefined : Promise.reject(error));

/**
 * The MDM feed against the MDM's reference sequence log; a client the cache is behind on is healed
 * with its legal details from the MDM's REST API, which carry the MDM's version.
 */
export function mdmValidatedChannel(mdm: MdmClient, policy: SourcePolicy): ValidatedChannel<MdmLegalDetails> {
  return {
    channel: 'mdm.mq',
    source: 'mdm',
    writer: legalDetailsWriter,
    async reference(entity, id) {
      const log = await policy.execute(() => mdm.sequenceLog(id)).catch(orGone);
      if (!log) return undefined;
      return {
        lastSequence: log.lastSequence,
        async heal() {
          const state = await policy.execute(() => mdm.legalDetails(id)).catch(orGone);
          return state ? { entity, id, sequence: 0, operation: 'update', state, at: state.updatedAt } : null;
        },
      };
    },
  };
}
