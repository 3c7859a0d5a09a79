import { z } from 'zod';
import type { CrmWrite } from '../../contracts/sync/crm-write-event.ts';
import { callCrm } from '../crm/crm-http.ts';
import { syncDefaults } from '../defaults.ts';
import { mapFields } from '../mapping/map-fields.ts';
import type { MappingProfile } from '../mapping/mapping-profile-schema.ts';
import { writeFailure } from './crm-write-errors.ts';
import type { CrmWriter } from './crm-writer.ts';
import type { QuotaThrottle } from './quota-throttle.ts';

const SYSTEM = 'Bitrix24';
const errorSchema = z.object({ error: z.string(), error_description: z.string() });
const listSchema = z.object({ result: z.array(z.object({ ID: z.union([z.string(), z.number()]) })) });
const resultSchema = z.object({ result: z.unknown() });

export interface BitrixWriterOptions {
  /** The portal's inbound webhook of the integration user: `<portal>/rest/<user>/<token>/`. */
  readonly webhookUrl: string;
  readonly profile: MappingProfile;
  readonly throttle: QuotaThrottle;
  /** Per request, ms. Default `syncDefaults.sourceTimeoutMs`. */
  readonly timeoutMs?: number;
}

/**
 * Writes to Bitrix24 through the integration's inbound webhook. The portal has no upsert: the
 * bank's id is looked up in its external-id field (`UF_CRM_BANK_ID`, `ORIGIN_ID`) first, so a
 * create retried after a timeout finds the record it made and updates it instead. Every request
 * waits for the quota throttle; a `QUERY_LIMIT_EXCEEDED` teaches the throttle and is sent again.
 */
export function createBitrixCrmWriter(options: BitrixWriterOptions): CrmWriter {
  const base = options.webhookUrl.replace(/\/$/, '');
  const call = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
    for (;;) {
      const ticket = await options.throttle.acquire();
      const answer = await callCrm(`${base}/${method}.json`, {
        system: SYSTEM,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        timeoutMs: options.timeoutMs ?? syncDefaults.sourceTimeoutMs,
      });
      const error = errorSchema.safeParse(answer.body);
      if (answer.status === 503 && error.success && error.data.error === 'QUERY_LIMIT_EXCEEDED') {
        options.throttle.full(ticket);
        continue;
      }
      if (answer.status === 200) return resultSchema.parse(answer.body).result;
      throw writeFailure(SYSTEM, method, answer);
    }
  };

  return {
    flavor: 'bitrix24',
    async write(write: CrmWrite) {
      const map = options.profile.entities[write.entity];
      const fields = mapFields(map, write.fields);
      if (write.externalId !== null) fields[map.externalIdField] = write.externalId;
      let crmId = write.crmId;
      if (crmId === null) {
        const found = listSchema.parse({
          result: await call(`${map.target}.list`, {
            filter: { [map.externalIdField]: write.externalId },
            select: ['ID'],
          }),
        });
        crmId = found.result[0] ? String(found.result[0].ID) : null;
      }
      if (crmId !== null) {
        await call(`${map.target}.update`, { id: crmId, fields });
        return { crmId };
      }
      return { crmId: String(await call(`${map.target}.add`, { fields })) };
    },
  };
}
