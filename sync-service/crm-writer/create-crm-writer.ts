import type { Clock } from '../../infra/clock.ts';
import type { CrmFetcherConfig } from '../crm/create-crm-fetcher.ts';
import { createSalesforceClient } from '../crm/salesforce-client.ts';
import { bitrixProfile } from '../mapping/bitrix-profile.ts';
import { loadMappingProfile } from '../mapping/load-mapping-profile.ts';
import type { MappingProfileInput } from '../mapping/mapping-profile-schema.ts';
import { salesforceProfile } from '../mapping/salesforce-profile.ts';
import { createBitrixCrmWriter } from './bitrix-crm-writer.ts';
import type { CrmWriter } from './crm-writer.ts';
import { QuotaThrottle } from './quota-throttle.ts';
import { createSalesforceCrmWriter } from './salesforce-crm-writer.ts';

/** How the sync service writes to the bank's CRM: the same connection settings as its reads. */
export type CrmWriterConfig = CrmFetcherConfig & {
  /** The field map; default the shipped profile of the flavor. Checked at start-up. */
  readonly profile?: MappingProfileInput;
  /**
   * The CRM's request quota. Default: Bitrix24's leaky bucket (50 at once, 2 per second);
   * Salesforce: 25 at once, 25 per second (its concurrent-request limit, per org).
   */
  readonly quota?: { readonly burst: number; readonly perSecond: number };
};

export interface CrmWriterWithThrottle {
  readonly writer: CrmWriter;
  readonly throttle: QuotaThrottle;
}

/** The CrmWriter of the bank's CRM flavor; throws `MappingProfileError` on a bad profile. */
export function createCrmWriter(config: CrmWriterConfig, clock: Clock): CrmWriterWithThrottle {
  if (config.flavor === 'salesforce') {
    const profile = loadMappingProfile(config.profile ?? salesforceProfile);
    const throttle = new QuotaThrottle({ ...(config.quota ?? { burst: 25, perSecond: 25 }), clock });
    const client = createSalesforceClient(config.credentials, config.options);
    const writer = createSalesforceCrmWriter({
      client,
      profile,
      throttle,
      now: clock.now,
      apiVersion: config.options?.apiVersion,
    });
    return { writer, throttle };
  }
  const profile = loadMappingProfile(config.profile ?? bitrixProfile);
  const throttle = new QuotaThrottle({ ...(config.quota ?? { burst: 50, perSecond: 2 }), clock });
  return {
    writer: createBitrixCrmWriter({
      webhookUrl: config.webhookUrl,
      profile,
      throttle,
      timeoutMs: config.timeoutMs,
    }),
    throttle,
  };
}
