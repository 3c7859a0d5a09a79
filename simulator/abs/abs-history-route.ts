import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiError } from '../../infra/http/api-error.ts';
import type { World } from '../data/world.ts';
import { SIMULATOR_ERRORS } from '../simulator-errors.ts';

const querySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  offset: z.coerce.number().int().nonnegative().default(0),
});

/**
 * The ABS's archive: an account's postings over the ten years before the run, paged by date,
 * derived from the seeded world on demand (a large client's account holds ~160 000 of them).
 * Their sequence numbers belong to the archive; the live feed numbers postings booked in the run.
 */
export function absHistoryRoute(world: World) {
  return (request: Request<{ id: string }>, response: Response): void => {
    const query = querySchema.safeParse(request.query);
    if (!query.success)
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_PAGE,
        'Failed to page the archive: from/to are YYYY-MM-DD, limit 1..10000, offset ≥ 0.',
      );
    const page = world.postingsOf(request.params.id, query.data);
    if (!page)
      throw new ApiError(SIMULATOR_ERRORS.ACCOUNT_NOT_FOUND, `No account ${request.params.id} in the ABS.`);
    response.json({ accountId: request.params.id, ...page });
  };
}
