import { MDM_MQ_TOPIC } from '../../contracts/mdm/mdm-schemas.ts';
import type { SequencedFeed } from '../feeds/sequenced-feed.ts';
import type { MdmStore } from './mdm-store.ts';

export { MDM_MQ_TOPIC };

/** Puts every emitted change of a client's legal details on the MDM's MQ feed, keyed by the client. */
export function startMdmMqFeed(store: MdmStore, feed: SequencedFeed): () => void {
  return store.onChange((details) => {
    feed.emit('legal-details', details.clientId, 'update', details, details.clientId);
  });
}
