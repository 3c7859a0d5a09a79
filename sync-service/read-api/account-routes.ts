import { Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { ApiError } from '../../infra/http/api-error.ts';
import type { SourceFreshness } from '../freshness/source-freshness.ts';
import { SYNC_ERRORS } from '../http/sync-errors.ts';
import { freshStamp, stampJson } from './fresh-part.ts';
import { uuidParam } from './read-api-support.ts';

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

/** An account's balance and its postings, from the cache only; `asOf` and `source` say how current. */
export function accountRoutes(pool: pg.Pool, freshness: SourceFreshness): Router {
  const router = Router();
  const account = async (id: string) => {
    const row = (await pool.query<AccountRow>(ACCOUNT, [id])).rows[0];
    if (!row) throw new ApiError(SYNC_ERRORS.ACCOUNT_NOT_FOUND, `No account ${id} in the cache.`);
    return row;
  };

  router.get('/accounts/:id/balance', async (request, response) => {
    const row = await account(uuidParam(request, 'the account'));
    response.json({
      accountId: row.id,
      organisationId: row.organisation_id,
      number: row.number,
      currency: row.currency,
      balanceMinor: Number(row.balance_minor),
      lastSequence: Number(row.last_sequence),
      ...stampJson(freshStamp(freshness, 'abs', row.as_of)),
    });
  });

  // Paged by sequence, oldest first: a client follows `nextAfterSequence` and never misses or repeats one.
  router.get('/accounts/:id/postings', async (request, response) => {
    const id = uuidParam(request, "the account's postings");
    const paging = pagingSchema.safeParse(request.query);
    if (!paging.success)
      throw new ApiError(
        SYNC_ERRORS.INVALID_PAGING,
        'Failed to page the postings: the paging is out of range. Use afterSequence ≥ 0 and 1 ≤ limit ≤ 1000.',
      );
    const row = await account(id);
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
      ...stampJson(freshStamp(freshness, 'abs', row.as_of)),
      postings: items,
      nextAfterSequence: items.length === limit ? items.at(-1)?.sequence : null,
    });
  });
  return router;
}
