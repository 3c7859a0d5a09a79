import { CRM_MQ_TOPIC } from '../../contracts/crm/crm-card-message.ts';
import type { CrmRecord } from '../../contracts/crm/crm-records.ts';
import type { SequencedFeed } from '../feeds/sequenced-feed.ts';
import type { CrmStore } from './crm-store.ts';

export { CRM_MQ_TOPIC };

/**
 * Puts every emitted change of a client card or an authority on the CRM's MQ feed, keyed by the
 * company so one client's changes stay in order. Tasks are not part of this feed, as in the bank's
 * real CRM integration; grey edits emit nothing, so they never reach it.
 */
export function startCrmMqFeed(store: CrmStore, feed: SequencedFeed): () => void {
  return store.onChange((change, record) => {
    if (change.entity === 'task') return;
    const companyId =
      change.entity === 'company'
        ? change.id
        : ((record as CrmRecord<'contact'> | null)?.companyId ?? change.id);
    feed.emit(change.entity, change.id, change.operation, record, companyId);
  });
}
