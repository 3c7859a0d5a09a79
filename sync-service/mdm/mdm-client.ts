import type { z } from 'zod';
import {
  type MdmLegalDetails,
  mdmLegalDetailsSchema,
  mdmReferenceSchema,
} from '../../contracts/mdm/mdm-schemas.ts';
import { syncDefaults } from '../defaults.ts';
import { getJson } from '../http/get-json.ts';

export type MdmReference = z.infer<typeof mdmReferenceSchema>;

export interface MdmClient {
  /** Point look-up of a client's legal details: how a gap in the MDM feed is closed. */
  legalDetails(clientId: string): Promise<MdmLegalDetails>;
  /** What the MDM says it emitted for the client: the reference for sampled validation. */
  sequenceLog(clientId: string): Promise<MdmReference>;
}

export function createMdmClient(
  baseUrl: string,
  timeoutMs: number = syncDefaults.sourceTimeoutMs,
): MdmClient {
  const get = <T>(path: string, schema: z.ZodType<T>) =>
    getJson(`${baseUrl}/mdm/api/v1${path}`, schema, { system: 'MDM', timeoutMs });
  return {
    legalDetails: (clientId) => get(`/legal-entities/${encodeURIComponent(clientId)}`, mdmLegalDetailsSchema),
    sequenceLog: (clientId) =>
      get(`/sequence-log/legal-details/${encodeURIComponent(clientId)}`, mdmReferenceSchema),
  };
}
