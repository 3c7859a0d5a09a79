import { Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { ApiError } from '../../infra/http/api-error.ts';
import { SYNC_ERRORS } from '../http/sync-errors.ts';
import { refuseUnstorableText } from '../http/unstorable-input.ts';
import { listConflicts } from './list-conflicts.ts';
import { resolveConflict } from './resolve-conflict.ts';

const resolveSchema = z.strictObject({
  keep: z.enum(['bank', 'crm']),
  note: z.string().max(1000).default(''),
});

/** The operator's API for conflicts: `GET /conflicts?open=true`, `POST /conflicts/:id/resolve`. */
export function conflictRoutes(pool: pg.Pool): Router {
  const router = Router();
  router.get('/conflicts', async (request, response) => {
    response.json({ conflicts: await listConflicts(pool, { openOnly: request.query.open === 'true' }) });
  });
  router.post('/conflicts/:id/resolve', async (request, response) => {
    if (!/^\d+$/.test(request.params.id))
      throw new ApiError(
        SYNC_ERRORS.INVALID_ID,
        'Failed to resolve the conflict: its id is not a whole number. Take the id from GET /conflicts.',
      );
    const body = resolveSchema.safeParse(request.body);
    if (!body.success)
      throw new ApiError(
        SYNC_ERRORS.INVALID_BODY,
        'Failed to resolve the conflict: the body is not as documented. Send {"keep": "bank" | "crm", "note": "..."}.',
      );
    refuseUnstorableText(body.data, 'resolve the conflict');
    const outcome = await resolveConflict(pool, request.params.id, body.data.keep, body.data.note);
    if (outcome === 'not-found')
      throw new ApiError(SYNC_ERRORS.CONFLICT_NOT_FOUND, `No conflict ${request.params.id}.`);
    if (outcome === 'already-resolved')
      throw new ApiError(SYNC_ERRORS.CONFLICT_RESOLVED, `Conflict ${request.params.id} is resolved already.`);
    response.json({ resolved: request.params.id, ...outcome });
  });
  return router;
}
