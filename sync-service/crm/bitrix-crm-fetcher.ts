import type { CrmEntity, CrmRecord } from '../../contracts/crm/crm-records.ts';
import { SourceUnavailableError } from '../http/get-json.ts';
import { UnfetchableIdError } from '../resilience/unfetchable-id-error.ts';
import { bitrixActivityMapping } from './bitrix-activity-mapping.ts';
import { bitrixAuthorityMapping } from './bitrix-authority-mapping.ts';
import { type BitrixClient, createBitrixClient } from './bitrix-client.ts';
import { bitrixCompanyMapping } from './bitrix-company-mapping.ts';
import { bitrixContactMapping } from './bitrix-contact-mapping.ts';
import type { BitrixEntityMapping } from './bitrix-entity-mapping.ts';
import type { CrmFetcher } from './crm-fetcher.ts';

export const BITRIX_ENTITIES: { readonly [E in CrmEntity]: BitrixEntityMapping<E> } = {
  company: bitrixCompanyMapping,
  contact: bitrixContactMapping,
  task: bitrixActivityMapping,
  authority: bitrixAuthorityMapping,
};

/**
 * The portal compares modification times in whole seconds, so `since` is rounded down to one:
 * a record changed at 10:00:00.400 shows 10:00:00 and must still match `>= 10:00:00.300`.
 */
function portalSince(since: string): string {
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) {
    throw new RangeError(
      `Failed to read changes since ${since}: not an ISO datetime. Pass e.g. 2026-01-01T00:00:00Z.`,
    );
  }
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

/** The parameters of one page of an entity's records changed at or after `since`, ordered by id. */
export function changedSinceParams(
  mapping: BitrixEntityMapping<CrmEntity>,
  since: string,
  start: number,
): Record<string, unknown> {
  return {
    ...mapping.params,
    filter: { ...mapping.filter, [`>=${mapping.modifiedField}`]: portalSince(since) },
    order: { [mapping.idField]: 'ASC' },
    ...(mapping.select ? { select: mapping.select } : {}),
    start,
  };
}

function offContract(method: string, error: unknown): SourceUnavailableError {
  return new SourceUnavailableError(
    `Failed to read the answer of Bitrix24 ${method}: it is off the contract (${(error as Error).message.slice(0, 300)}). Check the portal's fields.`,
  );
}

function neutralRows<E extends CrmEntity>(mapping: BitrixEntityMapping<E>, result: unknown): CrmRecord<E>[] {
  try {
    return mapping.rowsOf(result).map((row) => mapping.toNeutral(row));
  } catch (error) {
    throw offContract(mapping.listMethod, error);
  }
}

/**
 * CRM records from the bank's Bitrix24 portal through an inbound webhook: a point fetch is
 * `crm.<entity>.get` (`crm.item.get` for authorities), changes since a time are the `list` method
 * filtered by modification time, ordered by id and paged by `start` while the answer has a `next`.
 */
export function createBitrixCrmFetcher(webhookUrl: string, options: { timeoutMs?: number } = {}): CrmFetcher {
  const client: BitrixClient = createBitrixClient(webhookUrl, options.timeoutMs);
  return {
    async fetch(entity, id) {
      const mapping: BitrixEntityMapping<CrmEntity> = BITRIX_ENTITIES[entity];
      if (!/^\d+$/.test(id)) {
        throw new UnfetchableIdError(
          `Failed to fetch Bitrix24 ${mapping.getMethod} ${id}: the portal numbers its records, so it cannot be asked about this id. Check what sent it.`,
        );
      }
      const answer = await client.call(mapping.getMethod, { ...mapping.params, id });
      if (answer === null) return null;
      try {
        return mapping.toNeutral(mapping.rowOf(answer.result));
      } catch (error) {
        throw offContract(mapping.getMethod, error);
      }
    },

    async changedSince(entity, since) {
      const mapping: BitrixEntityMapping<CrmEntity> = BITRIX_ENTITIES[entity];
      const records: CrmRecord[] = [];
      for (let start: number | undefined = 0; start !== undefined; ) {
        const answer = await client.call(mapping.listMethod, changedSinceParams(mapping, since, start));
        if (answer === null) {
          throw new SourceUnavailableError(
            `Failed to list Bitrix24 ${mapping.listMethod}: the portal says it does not exist. Check the portal's configuration.`,
          );
        }
        records.push(...neutralRows(mapping, answer.result));
        start = answer.next;
      }
      return records;
    },
  };
}
