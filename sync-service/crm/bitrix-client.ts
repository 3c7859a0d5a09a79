import { z } from 'zod';
import { getJson } from '../http/get-json.ts';

/** The fields of a Bitrix24 company the sync service reads. */
export const bitrixCompanySchema = z.object({
  ID: z.string().regex(/^\d+$/),
  TITLE: z.string(),
  DATE_MODIFY: z.string(),
});
export type BitrixCompany = z.infer<typeof bitrixCompanySchema>;

const envelope = <T extends z.ZodType>(result: T) =>
  z.object({ result, time: z.object({ start: z.number() }).loose() });

export interface BitrixClient {
  /** `crm.company.get`: a point fetch after an `ONCRMCOMPANYUPDATE` event, which carries only the id. */
  company(id: string): Promise<BitrixCompany>;
}

/** Calls a Bitrix24 portal through an inbound webhook URL: `<portal>/rest/<user>/<token>/`. */
export function createBitrixClient(webhookUrl: string, timeoutMs = 5_000): BitrixClient {
  return {
    async company(id) {
      const url = `${webhookUrl.replace(/\/$/, '')}/crm.company.get.json?id=${encodeURIComponent(id)}`;
      return (await getJson(url, envelope(bitrixCompanySchema), { system: 'Bitrix24', timeoutMs })).result;
    },
  };
}
