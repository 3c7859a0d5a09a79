import type { z } from 'zod';
import {
  type AbsAccount,
  type AbsOrganisation,
  type AbsPostingEvent,
  absAccountsResponseSchema,
  absOrganisationPageSchema,
  absPostingsResponseSchema,
} from '../../contracts/abs/abs-schemas.ts';
import { syncDefaults } from '../defaults.ts';
import { getJson } from '../http/get-json.ts';

export interface AbsClient {
  listOrganisations(): Promise<AbsOrganisation[]>;
  accountsOf(organisationId: string): Promise<AbsAccount[]>;
  postingsAfter(accountId: string, afterSequence: number): Promise<AbsPostingEvent[]>;
  /** The cheapest call that proves the ABS answers: one organisation of the first page. */
  ping(): Promise<void>;
}

export function createAbsClient(
  baseUrl: string,
  timeoutMs: number = syncDefaults.sourceTimeoutMs,
): AbsClient {
  const get = <T>(path: string, schema: z.ZodType<T>): Promise<T> =>
    getJson(`${baseUrl}/abs/api/v1${path}`, schema, { system: 'ABS', timeoutMs });

  return {
    async listOrganisations() {
      const all: AbsOrganisation[] = [];
      let offset: number | null = 0;
      while (offset !== null) {
        const page: z.infer<typeof absOrganisationPageSchema> = await get(
          `/organisations?offset=${offset}&limit=500`,
          absOrganisationPageSchema,
        );
        all.push(...page.items);
        offset = page.nextOffset;
      }
      return all;
    },
    async accountsOf(organisationId) {
      return (await get(`/organisations/${organisationId}/accounts`, absAccountsResponseSchema)).accounts;
    },
    async ping() {
      await get('/organisations?offset=0&limit=1', absOrganisationPageSchema);
    },
    async postingsAfter(accountId, afterSequence) {
      const all: AbsPostingEvent[] = [];
      for (;;) {
        const from = afterSequence + all.length;
        const page = await get(
          `/accounts/${accountId}/postings?afterSequence=${from}&limit=1000`,
          absPostingsResponseSchema,
        );
        all.push(...page.postings);
        if (page.postings.length < 1000) return all;
      }
    },
  };
}
