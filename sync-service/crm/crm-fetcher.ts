import type { CrmEntity, CrmRecord } from '../../contracts/crm/crm-records.ts';

/**
 * Reads CRM records by id in the neutral vocabulary of contracts/crm, whichever CRM flavor is
 * behind it (Salesforce sObjects, Bitrix24 REST). This is how the sync service closes a gap in a
 * CRM channel (a lost MQ message, a Salesforce `GAP_*` event, a Bitrix24 event that carries only
 * the id) and re-reads an entity type after `GAP_OVERFLOW`.
 *
 * The vendors' REST APIs do not carry the CRM's per-record version: records read through them have
 * `version` UNKNOWN_CRM_VERSION (0, see unknown-crm-version.ts), so the version guard of the cache
 * lets them fill a missing row but never replace a versioned one.
 */
export interface CrmFetcher {
  /** The record as the CRM holds it now; null when it does not exist (deleted). */
  fetch(entity: CrmEntity, id: string): Promise<CrmRecord | null>;
  /** Every record of a type changed at or after `since` (ISO time), paged through to the end. */
  changedSince(entity: CrmEntity, since: string): Promise<CrmRecord[]>;
}
