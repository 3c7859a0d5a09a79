import { Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { fail, uuidParam } from './read-api-support.ts';

const ACCOUNT =
  'SELECT id, organisation_id, number, currency, balance_minor, last_sequence, as_of FROM accounts WHERE id = $1';
const POSTINGS = `
  SELECT sequence, posting_id, amount_minor, balance_after_minor, booked_at, description
  FROM postings WHERE account_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`;

const pagingSchema = z.object({
  afterSequence: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

interface AccountRow {
  id: string;
  organisation_id: string;
  number: string;
  currency: string;
  balance_minor: string;
  last_sequence: string;
  as_of: Date;
}

/** An account's balance and its postings, from the cache only. */
export function accountRoutes(pool: pg.Pool): Router {
  const router = Router();
  const account = async (id: string) => (await pool.query<AccountRow>(ACCOUNT, [id])).rows[0];

  router.get('/accounts/:id/balance', async (request, response) => {
    const id = uuidParam(request, response, 'an account');
    if (!id) return;
    const row = await account(id);
    if (!row) return fail(response, 404, 'ACCOUNT_NOT_FOUND', `No account ${id} in the cache.`);
    response.json({
      accountId: row.id,
      organisationId: row.organisation_id,
      number: row.number,
      currency: row.currency,
      balanceMinor: Number(row.balance_minor),
      lastSequence: Number(row.last_sequence),
      asOf: row.as_of.toISOString(),
    });
  });

  // Paged by sequence, oldest first: a client follows `nextAfterSequence` and never misses or repeats one.
  router.get('/accounts/:id/postings', async (request, response) => {
    const id = uuidParam(request, response, 'an account');
    if (!id) return;
    const paging = pagingSchema.safeParse(request.query);
    if (!paging.success)
      return fail(response, 400, 'INVALID_PAGING', 'Use afterSequence ≥ 0 and 1 ≤ limit ≤ 1000.');
    const row = await account(id);
    if (!row) return fail(response, 404, 'ACCOUNT_NOT_FOUND', `No account ${id} in the cache.`);
    const { afterSequence, limit } = paging.data;
    const postings = await pool.query(POSTINGS, [id, afterSequence, limit]);
    const items = postings.rows.map((p) => ({
      sequence: Number(p.sequence),
      postingId: p.posting_id,
      amountMinor: Number(p.amount_minor),
      balanceAfterMinor: Number(p.balance_after_minor),
      bookedAt: (p.booked_at as Date).toISOString(),
      description: p.description,
    }));
    response.json({
      accountId: id,
      asOf: row.as_of.toISOString(),
      postings: items,
      nextAfterSequence: items.length === limit ? items.at(-1)?.sequence : null,
    });
  });
  return router;
}
