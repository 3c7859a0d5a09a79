import { type Request, Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { ApiError } from '../../infra/http/api-error.ts';
import type { SourceFreshness } from '../freshness/source-freshness.ts';
import { SYNC_ERRORS } from '../http/sync-errors.ts';
import { freshStamp, stampJson } from './fresh-part.ts';

const idSchema = z.uuid();

const SELECT_ACCOUNTS = `
  SELECT id, number, currency, balance_minor, last_sequence, as_of
  FROM accounts WHERE organisation_id = $1 ORDER BY number`;

interface AccountRow {
  id: string;
  number: string;
  currency: string;
  balance_minor: string;
  last_sequence: string;
  as_of: Date;
}

/**
 * The DBO's view of an organisation's accounts, from the cache only: it answers while the ABS is
 * down. `asOf` is the oldest freshness stamp among the accounts, so the DBO never over-claims.
 */
export function accountsRoute(pool: pg.Pool, freshness: SourceFreshness): Router {
  const router = Router();
  router.get('/organisations/:id/accounts', async (request: Request<{ id: string }>, response) => {
    const id = request.params.id;
    if (!idSchema.safeParse(id).success) {
      throw new ApiError(
        SYNC_ERRORS.INVALID_ORGANISATION_ID,
        "Failed to read the organisation's accounts: its id is not a UUID. Pass the id as a UUID.",
      );
    }
    const { rows } = await pool.query<AccountRow>(SELECT_ACCOUNTS, [id]);
    if (rows.length === 0) {
      throw new ApiError(
        SYNC_ERRORS.ORGANISATION_NOT_FOUND,
        `No accounts of organisation ${id} in the cache.`,
      );
    }
    const oldestRow = new Date(Math.min(...rows.map((row) => row.as_of.getTime())));
    response.json({
      organisationId: id,
      ...stampJson(freshStamp(freshness, 'abs', oldestRow)),
      accounts: rows.map((row) => ({
        id: row.id,
        number: row.number,
        currency: row.currency,
        balanceMinor: Number(row.balance_minor),
        lastSequence: Number(row.last_sequence),
        ...stampJson(freshStamp(freshness, 'abs', row.as_of)),
      })),
    });
  });
  return router;
}
