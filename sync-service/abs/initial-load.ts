import type pg from 'pg';
import { insertPostings } from '../db/insert-postings.ts';
import { withTransaction } from '../db/with-transaction.ts';
import type { AbsClient } from './abs-client.ts';

// Only ever moves an account forward, so a load racing the event stream cannot roll it back.
const UPSERT_ACCOUNTS = `
  INSERT INTO accounts (id, organisation_id, number, currency, balance_minor, last_sequence, as_of)
  SELECT *, $7::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bigint[])
  ON CONFLICT (id) DO UPDATE SET
    balance_minor = EXCLUDED.balance_minor, last_sequence = EXCLUDED.last_sequence, as_of = EXCLUDED.as_of
  WHERE accounts.last_sequence < EXCLUDED.last_sequence`;

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
        await client.query(UPSERT_ACCOUNTS, [
          accounts.map((a) => a.id),
          accounts.map((a) => a.organisationId),
          accounts.map((a) => a.number),
          accounts.map((a) => a.currency),
          accounts.map((a) => a.balanceMinor),
          accounts.map((a) => a.lastSequence),
          asOf,
        ]);
        await insertPostings(client, histories.flat());
      });
      loaded += accounts.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return loaded;
}
