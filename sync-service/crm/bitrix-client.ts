import { z } from 'zod';
import { syncDefaults } from '../defaults.ts';
import { callCrm, crmFailure } from './crm-http.ts';

const SYSTEM = 'Bitrix24';

const envelopeSchema = z.object({
  result: z.unknown(),
  /** The `start` of the next page of a list, while rows remain. */
  next: z.number().int().optional(),
  total: z.number().int().optional(),
  time: z.object({ start: z.number() }).loose(),
});
export type BitrixEnvelope = z.infer<typeof envelopeSchema>;

const errorSchema = z.object({ error: z.string(), error_description: z.string() });

export interface BitrixClient {
  /**
   * Calls a REST method with its parameters as a JSON body. Null when the portal answers that the
   * record does not exist: the classic `crm.*.get` methods say `Not found` with an empty code,
   * `crm.item.*` says `NOT_FOUND`, both with HTTP 400.
   */
  call(method: string, params: Record<string, unknown>): Promise<BitrixEnvelope | null>;
}

/** Calls a Bitrix24 portal through an inbound webhook URL: `<portal>/rest/<user>/<token>/`. */
export function createBitrixClient(
  webhookUrl: string,
  timeoutMs: number = syncDefaults.sourceTimeoutMs,
): BitrixClient {
  const base = webhookUrl.replace(/\/$/, '');
  return {
    async call(method, params) {
      const answer = await callCrm(`${base}/${method}.json`, {
        system: SYSTEM,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        timeoutMs,
      });
      const error = errorSchema.safeParse(answer.body);
      const notFound =
        answer.status === 400 &&
        error.success &&
        (error.data.error === 'NOT_FOUND' || error.data.error_description === 'Not found');
      if (notFound) return null;
      const envelope = envelopeSchema.safeParse(answer.body);
      if (answer.status !== 200 || !envelope.success) throw crmFailure(SYSTEM, `call ${method}`, answer);
      return envelope.data;
    },
  };
}
