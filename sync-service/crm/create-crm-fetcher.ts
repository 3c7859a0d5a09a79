import { createBitrixCrmFetcher } from './bitrix-crm-fetcher.ts';
import type { CrmFetcher } from './crm-fetcher.ts';
import {
  createSalesforceClient,
  type SalesforceClientOptions,
  type SalesforceCredentials,
} from './salesforce-client.ts';
import { createSalesforceCrmFetcher } from './salesforce-crm-fetcher.ts';

/** How to reach the bank's CRM, by flavor. */
export type CrmFetcherConfig =
  | {
      readonly flavor: 'salesforce';
      /** OAuth2 password-flow credentials; `loginUrl` is the org's (or the simulator's) base URL. */
      readonly credentials: SalesforceCredentials;
      readonly options?: SalesforceClientOptions;
    }
  | {
      readonly flavor: 'bitrix24';
      /** The portal's inbound webhook: `<portal>/rest/<user>/<token>/`. */
      readonly webhookUrl: string;
      /** Per request, ms. Default `syncDefaults.sourceTimeoutMs`. */
      readonly timeoutMs?: number;
    };

/** The CrmFetcher of the CRM flavor the bank runs. */
export function createCrmFetcher(config: CrmFetcherConfig): CrmFetcher {
  if (config.flavor === 'salesforce')
    return createSalesforceCrmFetcher(createSalesforceClient(config.credentials, config.options));
  return createBitrixCrmFetcher(config.webhookUrl, { timeoutMs: config.timeoutMs });
}
