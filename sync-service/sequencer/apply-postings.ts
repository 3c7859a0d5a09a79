import type pg from 'pg';
import type { AbsPostingEvent } from '../../contracts/abs/abs-schemas.ts';
import { insertPostings } from '../db/insert-postings.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { type PostingPlan, planPostings } from './plan-postings.ts';

const LOCK_ACCOUNTS = `
  SELECT id, last_sequence FROM accounts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

// One row per account carrying its newest applied posting; the WHERE keeps the sequence monotonic.
const ADVANCE_ACCOUNTS = `
  INSERT INTO accounts (id, organisation_id, number, currency, balance_minor, last_sequence, as_of)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::timestamptz[])
  ON CONFLICT (id) DO UPDATE SET
    balance_minor = EXCLUDED.balance_minor, last_sequence = EXCLUDED.last_sequence, as_of = EXCLUDED.as_of
  WHERE accounts.last_sequence < EXCLUDED.last_sequence`;

/**
 * Applies a batch of postings idempotently in three statements, whatever the batch size: lock the
 * accounts, plan with the sequencer, write postings and the accounts' new positions together.
 */
export async function applyPostings(
  pool: pg.Pool,
  postings: readonly AbsPostingEvent[],
): Promise<PostingPlan> {
  if (postings.length === 0) return { apply: [], duplicates: 0, gaps: [] };
  return withTransaction(pool, async (client) => {
    const ids = [...new Set(postings.map((p) => p.accountId))];
    const locked = await client.query<{ id: string; last_sequence: string }>(LOCK_ACCOUNTS, [ids]);
    const lastApplied = new Map(locked.rows.map((r) => [r.id, Number(r.last_sequence)]));
    const plan = planPostings(postings, lastApplied);
    if (plan.apply.length === 0) return plan;

    const p = plan.apply;
    await insertPostings(client, p);
    const newest = [...new Map(p.map((x) => [x.accountId, x])).values()];
    await client.query(ADVANCE_ACCOUNTS, [
      newest.map((x) => x.accountId),
      newest.map((x) => x.organisationId),
      newest.map((x) => x.accountNumber),
      newest.map((x) => x.currency),
      newest.map((x) => x.balanceAfterMinor),
      newest.map((x) => x.sequence),
      newest.map((x) => x.bookedAt),
    ]);
    return plan;
  });
}
