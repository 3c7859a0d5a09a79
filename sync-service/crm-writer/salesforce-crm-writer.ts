import { caseSafeId, keyPrefixOf } from '../../contracts/crm/salesforce-id.ts';
import type { CrmWrite } from '../../contracts/sync/crm-write-event.ts';
import { INTEGRATION_CLIENT } from '../conflicts/our-origin.ts';
import { callCrm } from '../crm/crm-http.ts';
import type { SalesforceClient } from '../crm/salesforce-client.ts';
import { neutralIdOf, salesforceIdOf } from '../crm/salesforce-ids.ts';
import { syncDefaults } from '../defaults.ts';
import { SourceUnavailableError } from '../http/get-json.ts';
import { mapFields } from '../mapping/map-fields.ts';
import type { MappingProfile } from '../mapping/mapping-profile-schema.ts';
import { writeFailure } from './crm-write-errors.ts';
import type { CrmWriter } from './crm-writer.ts';
import type { QuotaThrottle } from './quota-throttle.ts';

const SYSTEM = 'Salesforce';
// Past this share of the daily allowance, writes wait for the next day instead of using it up.
const USAGE_CEILING = 0.95;
const DAY_MS = 24 * 3600 * 1000;

export interface SalesforceWriterOptions {
  readonly client: SalesforceClient;
  readonly profile: MappingProfile;
  readonly throttle: QuotaThrottle;
  readonly now: () => number;
  /** A session obtained earlier; logged in on first use when absent. */
  readonly session?: Awaited<ReturnType<SalesforceClient['login']>>;
  /** Default '60.0'. */
  readonly apiVersion?: string;
  readonly timeoutMs?: number;
}

/**
 * Writes to Salesforce by upsert on the bank's external-id field (`PATCH
 * /sobjects/Account/Bank_Client_Id__c/<id>`): a retried create updates the record it made. Names
 * itself in `Sforce-Call-Options: client=corebridge`, which Salesforce records as the change's
 * origin, so our own writes are recognised when change events bring them back. Reads the daily
 * allowance from `Sforce-Limit-Info` and holds writes near its end.
 */
export function createSalesforceCrmWriter(options: SalesforceWriterOptions): CrmWriter {
  const apiBase = `/services/data/v${options.apiVersion ?? '60.0'}`;
  let session = options.session;
  const patch = async (path: string, body: Record<string, unknown>) => {
    for (let attempt = 0; ; attempt++) {
      const ticket = await options.throttle.acquire();
      session ??= await options.client.login();
      const answer = await callCrm(`${session.instanceUrl}${apiBase}${path}`, {
        system: SYSTEM,
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${session.accessToken}`,
          'content-type': 'application/json',
          'sforce-call-options': `client=${INTEGRATION_CLIENT}`,
        },
        body: JSON.stringify(body),
        timeoutMs: options.timeoutMs ?? syncDefaults.sourceTimeoutMs,
      });
      const usage = /api-usage=(\d+)\/(\d+)/.exec(answer.headers?.get('sforce-limit-info') ?? '');
      if (usage && Number(usage[1]) >= Number(usage[2]) * USAGE_CEILING)
        options.throttle.pauseUntil(options.now() + DAY_MS);
      if (answer.status === 401 && attempt === 0) {
        session = undefined;
        continue;
      }
      const errorCode = Array.isArray(answer.body)
        ? String((answer.body[0] as { errorCode?: unknown })?.errorCode)
        : '';
      if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
        options.throttle.full(ticket);
        throw new SourceUnavailableError(
          `Failed to write to ${SYSTEM}: REQUEST_LIMIT_EXCEEDED. Writes resume when the allowance does.`,
        );
      }
      if (answer.status < 300) return answer.body as { id?: string } | null;
      throw writeFailure(SYSTEM, `PATCH ${path}`, answer);
    }
  };

  return {
    flavor: 'salesforce',
    async write(write: CrmWrite) {
      const map = options.profile.entities[write.entity];
      const fields = mapFields(map, write.fields);
      if (write.externalId !== null) {
        const path = `/sobjects/${map.target}/${map.externalIdField}/${encodeURIComponent(write.externalId)}`;
        const answer = await patch(path, fields);
        // An answer that names no record (204 before API v46) leaves the id the write already knew.
        const named = answer?.id === undefined ? undefined : caseSafeId(answer.id);
        return {
          crmId: named ? neutralIdOf(map.keyPrefix ?? keyPrefixOf(named), named) : (write.crmId ?? ''),
        };
      }
      const id = map.keyPrefix
        ? (salesforceIdOf(map.keyPrefix, write.crmId ?? '') ?? write.crmId)
        : write.crmId;
      await patch(`/sobjects/${map.target}/${encodeURIComponent(id ?? '')}`, fields);
      return { crmId: write.crmId ?? '' };
    },
  };
}
