import type { CrmEntity } from '../../contracts/crm/crm-records.ts';
import type { SalesforceChangeEvent } from '../../contracts/crm/salesforce-change-event.ts';
import { neutralIdOf } from './salesforce-ids.ts';
import { SALESFORCE_OBJECTS } from './salesforce-mapping.ts';

// The wire schema is a contract (the AsyncAPI document is generated from it); the consumer's imports stay here.
export {
  SALESFORCE_CDC_TOPIC,
  type SalesforceChangeEvent,
  salesforceChangeEventSchema,
} from '../../contracts/crm/salesforce-change-event.ts';

/** What an event asks of the sync service, in the neutral vocabulary. */
export type ChangeEventAction =
  /** Read these records by id (a change event carries only the changed fields; a GAP_* event none). */
  | { readonly kind: 'fetch'; readonly entity: CrmEntity; readonly ids: readonly string[] }
  /**
   * Re-read the entity type (`changedSince`): after GAP_OVERFLOW, which names no record, what
   * changed since about its commit; after a change to every record (`001*`), which need not touch
   * their modification times, every record.
   */
  | { readonly kind: 'reread'; readonly entity: CrmEntity; readonly since: 'commit' | 'ever' }
  /** An object the bank does not sync. */
  | { readonly kind: 'ignore' };

export function actionOf(event: SalesforceChangeEvent): ChangeEventAction {
  const header = event.payload.ChangeEventHeader;
  const mapping = Object.values(SALESFORCE_OBJECTS).find(
    (candidate) => candidate.object === header.entityName,
  );
  if (!mapping) return { kind: 'ignore' };
  const ids: string[] = [];
  for (const id of header.recordIds) {
    if (id === '*') return { kind: 'reread', entity: mapping.entity, since: 'ever' };
    ids.push(neutralIdOf(mapping.keyPrefix, id));
  }
  if (header.changeType === 'GAP_OVERFLOW')
    return { kind: 'reread', entity: mapping.entity, since: 'commit' };
  return { kind: 'fetch', entity: mapping.entity, ids };
}
