import type { CrmEntity, CrmRecord } from '../../contracts/crm/crm-records.ts';
import { keyPrefixOf } from '../../contracts/crm/salesforce-id.ts';
import { SourceUnavailableError } from '../http/get-json.ts';
import { UnfetchableIdError } from '../resilience/unfetchable-id-error.ts';
import type { CrmFetcher } from './crm-fetcher.ts';
import type { SalesforceClient, SalesforceQueryPage, SalesforceRow } from './salesforce-client.ts';
import { salesforceIdOf } from './salesforce-ids.ts';
import { SALESFORCE_OBJECTS, type SObjectMapping } from './salesforce-mapping.ts';

/** A SOQL datetime literal: ISO 8601 in UTC, unquoted. */
function soqlDatetime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `Failed to read changes since ${iso}: not an ISO datetime. Pass e.g. 2026-01-01T00:00:00Z.`,
    );
  }
  return new Date(ms).toISOString();
}

/** The SOQL that lists an object's records changed at or after `since`: every field the mapping reads. */
export function changedSinceSoql(mapping: SObjectMapping<CrmEntity>, since: string): string {
  return `SELECT ${mapping.fields.join(', ')} FROM ${mapping.object} WHERE LastModifiedDate >= ${soqlDatetime(since)}`;
}

function neutral<E extends CrmEntity>(mapping: SObjectMapping<E>, row: SalesforceRow): CrmRecord<E> {
  try {
    return mapping.toNeutral(row);
  } catch (error) {
    throw new SourceUnavailableError(
      `Failed to read a Salesforce ${mapping.object}: the answer is off the contract (${(error as Error).message.slice(0, 300)}). Check the org's field mapping.`,
    );
  }
}

/**
 * CRM records from the bank's Salesforce org: a point fetch is a GET of the sObject row, changes
 * since a time are a SOQL query on LastModifiedDate, paged through `nextRecordsUrl` to the end.
 */
export function createSalesforceCrmFetcher(client: SalesforceClient): CrmFetcher {
  return {
    async fetch(entity, id) {
      const mapping = SALESFORCE_OBJECTS[entity];
      const sfId = salesforceIdOf(mapping.keyPrefix, id);
      if (sfId === undefined) {
        throw new UnfetchableIdError(
          `Failed to fetch Salesforce ${mapping.object} ${id}: it is neither a Salesforce id nor a CRM record number, so the org cannot be asked. Check what sent it.`,
        );
      }
      // The org would answer MALFORMED_ID: the id names a record of another object.
      if (keyPrefixOf(sfId) !== mapping.keyPrefix) {
        throw new UnfetchableIdError(
          `Failed to fetch Salesforce ${mapping.object} ${id}: its key prefix ${keyPrefixOf(sfId)} is not ${mapping.object}'s (${mapping.keyPrefix}). Check what sent it.`,
        );
      }
      const row = await client.sobject(mapping.object, sfId);
      return row === null ? null : neutral(mapping, row);
    },

    async changedSince(entity, since) {
      const mapping: SObjectMapping<CrmEntity> = SALESFORCE_OBJECTS[entity];
      const records: CrmRecord[] = [];
      let page: SalesforceQueryPage = await client.query(changedSinceSoql(mapping, since));
      for (;;) {
        for (const row of page.records) records.push(neutral(mapping, row));
        if (page.done || page.nextRecordsUrl === undefined) return records;
        page = await client.queryMore(page.nextRecordsUrl);
      }
    },
  };
}
