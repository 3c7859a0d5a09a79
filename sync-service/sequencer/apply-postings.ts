import type pg from 'pg';
import type { AbsPostingEvent } from '../../contracts/abs/abs-schemas.ts';
import { advanceAccounts } from '../db/advance-accounts.ts';
import { insertPostings } from '../db/insert-postings.ts';
import { withTransaction } from '../db/with-transaction.ts';
import { type PostingPlan, planPostings } from './plan-postings.ts';

const LOCK_ACCOUNTS = `
  SELECT id, last_sequence FROM accounts WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

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

    await insertPostings(client, plan.apply);
    // The last applied posting per account carries the account's new balance and sequence.
    const newest = [...new Map(plan.apply.map((x) => [x.accountId, x])).values()];
    await advanceAccounts(
      client,
      newest.map((x) => ({
        id: x.accountId,
        organisationId: x.organisationId,
        number: x.accountNumber,
        currency: x.currency,
        balanceMinor: x.balanceAfterMinor,
        lastSequence: x.sequence,
        asOf: x.bookedAt,
      })),
    );
    return plan;
  });
}
