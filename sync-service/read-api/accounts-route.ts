import { type Request, type Response, Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';

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

function fail(response: Response, status: number, code: string, message: string): void {
  response.status(status).json({ error: { code, message } });
}

/**
 * The DBO's view of an organisation's accounts, from the cache only: it answers while the ABS is
 * down. `asOf` is the oldest freshness stamp among the accounts, so the DBO never over-claims.
 */
export function accountsRoute(pool: pg.Pool): Router {
  const router = Router();
  router.get('/organisations/:id/accounts', async (request: Request<{ id: string }>, response) => {
    const id = request.params.id;
    if (!idSchema.safeParse(id).success) {
      return fail(
        response,
        400,
        'INVALID_ORGANISATION_ID',
        `"${id}" is not an organisation id; expected a UUID.`,
      );
    }
    const { rows } = await pool.query<AccountRow>(SELECT_ACCOUNTS, [id]);
    if (rows.length === 0) {
      return fail(response, 404, 'ORGANISATION_NOT_FOUND', `No accounts of organisation ${id} in the cache.`);
    }
    const asOf = new Date(Math.min(...rows.map((row) => row.as_of.getTime())));
    response.json({
      organisationId: id,
      asOf: asOf.toISOString(),
      accounts: rows.map((row) => ({
        id: row.id,
        number: row.number,
        currency: row.currency,
        balanceMinor: Number(row.balance_minor),
        lastSequence: Number(row.last_sequence),
        asOf: row.as_of.toISOString(),
      })),
    });
  });
  return router;
}
