import type pg from 'pg';
import type { AbsPostingEvent } from '../../contracts/abs/abs-schemas.ts';

// Postings are immutable facts keyed by (account, sequence): inserting one twice changes nothing.
const INSERT_POSTINGS = `
  INSERT INTO postings (account_id, sequence, posting_id, amount_minor, balance_after_minor, booked_at, description)
  SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::bigint[], $5::bigint[], $6::timestamptz[], $7::text[])
  ON CONFLICT DO NOTHING`;

/** One statement for any number of postings. */
export async function insertPostings(
  client: pg.ClientBase,
  postings: readonly AbsPostingEvent[],
): Promise<void> {
  if (postings.length === 0) return;
  await client.query(INSERT_POSTINGS, [
    postings.map((x) => x.accountId),
    postings.map((x) => x.sequence),
    postings.map((x) => x.postingId),
    postings.map((x) => x.amountMinor),
    postings.map((x) => x.balanceAfterMinor),
    postings.map((x) => x.bookedAt),
    postings.map((x) => x.description),
  ]);
}
