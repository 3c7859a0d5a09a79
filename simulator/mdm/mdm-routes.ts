import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { type FaultEngine, httpFaults } from '../faults/index.ts';
import type { SequencedFeed } from '../feeds/sequenced-feed.ts';
import type { MdmStore } from './mdm-store.ts';

const clientIdSchema = z.uuid();

function fail(response: Response, status: number, code: string, message: string): void {
  response.status(status).json({ error: { code, message } });
}

/**
 * The MDM REST API under /mdm/api/v1: point look-ups of legal details (by client id or INN) and
 * the reference sequence log, behind the fault engine's `mdm.rest` channel.
 */
export function mdmRoutes(store: MdmStore, feed: SequencedFeed, faults: FaultEngine): Router {
  const router = Router();
  router.use(
    httpFaults(faults, 'mdm.rest', {
      renderError: (status, code, message) => ({ status, body: { error: { code, message } } }),
    }),
  );

  router.get('/legal-entities/:clientId', (request: Request<{ clientId: string }>, response) => {
    const { clientId } = request.params;
    if (!clientIdSchema.safeParse(clientId).success)
      return fail(response, 400, 'INVALID_CLIENT_ID', `"${clientId}" is not a client id (UUID).`);
    const details = store.get(clientId);
    if (!details) return fail(response, 404, 'CLIENT_NOT_FOUND', `No client ${clientId} in the MDM.`);
    response.json(details);
  });

  router.get('/legal-entities', (request, response) => {
    const inn = String(request.query.inn ?? '');
    if (!/^\d{10}(\d{2})?$/.test(inn))
      return fail(response, 400, 'INVALID_INN', 'Pass ?inn= with 10 or 12 digits.');
    const details = store.findByInn(inn);
    if (!details) return fail(response, 404, 'CLIENT_NOT_FOUND', `No client with INN ${inn} in the MDM.`);
    response.json(details);
  });

  router.get('/sequence-log/legal-details/:clientId', (request: Request<{ clientId: string }>, response) => {
    const { clientId } = request.params;
    if (!store.get(clientId))
      return fail(response, 404, 'CLIENT_NOT_FOUND', `No client ${clientId} in the MDM.`);
    const entry = feed.referenceOf('legal-details', clientId);
    response.json({
      entity: 'legal-details',
      id: clientId,
      lastSequence: entry?.lastSequence ?? 0,
      lastEmittedAt: entry?.lastEmittedAt ?? null,
    });
  });
  return router;
}
