import type pg from 'pg';
import { advanceAccounts } from '../db/advance-accounts.ts';
import { insertPostings } from '../db/insert-postings.ts';
import { withTransaction } from '../db/with-transaction.ts';
import type { AbsClient } from './abs-client.ts';

/**
 * Fills an empty cache from the ABS REST API: every organisation's accounts and their posting
 * history, one transaction per organisation, `concurrency` organisations at a time so the ABS is
 * never flooded (incident I1). Returns the number of accounts loaded.
 */
export async function initialLoad(
  pool: pg.Pool,
  abs: AbsClient,
  now: () => number,
  concurrency = 4,
): Promise<number> {
  const organisations = await abs.listOrganisations();
  let next = 0;
  let loaded = 0;
  const worker = async () => {
    while (next < organisations.length) {
      const organisation = organisations[next++];
      if (!organisation) return;
      const asOf = new Date(now()).toISOString();
      const accounts = await abs.accountsOf(organisation.id);
      const histories = await Promise.all(
        accounts.filter((a) => a.lastSequence > 0).map((a) => abs.postingsAfter(a.id, 0)),
      );
      await withTransaction(pool, async (client) => {
        await advanceAccounts(
          client,
          accounts.map((account) => ({ ...account, asOf })),
        );
        await insertPostings(client, histories.flat());
      });
      loaded += accounts.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return loaded;
}
