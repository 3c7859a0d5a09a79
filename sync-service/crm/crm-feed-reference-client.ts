import { type CrmFeedReference, crmFeedReferenceSchema } from '../../contracts/crm/crm-feed-reference.ts';
import { syncDefaults } from '../defaults.ts';
import { getJson } from '../http/get-json.ts';

export interface CrmFeedReferenceClient {
  /** What the CRM's MQ feed emitted for a record: the reference for sampled validation. */
  sequenceLog(entity: string, id: string): Promise<CrmFeedReference>;
}

export function createCrmFeedReferenceClient(
  baseUrl: string,
  timeoutMs: number = syncDefaults.sourceTimeoutMs,
): CrmFeedReferenceClient {
  return {
    sequenceLog: async (entity, id) =>
      (await getJson(
        `${baseUrl}/crm/feed/v1/sequence-log/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`,
        crmFeedReferenceSchema,
        { system: 'CRM', timeoutMs },
      )) as CrmFeedReference,
  };
}
