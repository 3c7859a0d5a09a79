import { Router } from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { fail } from '../read-api/read-api-support.ts';
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
      return fail(response, 400, 'INVALID_ID', `"${request.params.id}" is not a conflict id.`);
    const body = resolveSchema.safeParse(request.body);
    if (!body.success)
      return fail(response, 400, 'INVALID_BODY', 'Send {"keep": "bank" | "crm", "note": "..."}.');
    const outcome = await resolveConflict(pool, request.params.id, body.data.keep, body.data.note);
    if (outcome === 'not-found')
      return fail(response, 404, 'CONFLICT_NOT_FOUND', `No conflict ${request.params.id}.`);
    if (outcome === 'already-resolved')
      return fail(response, 409, 'CONFLICT_RESOLVED', `Conflict ${request.params.id} is resolved already.`);
    response.json({ resolved: request.params.id, ...outcome });
  });
  return router;
}
