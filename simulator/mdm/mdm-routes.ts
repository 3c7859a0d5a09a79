import { type Request, Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../../infra/http/api-error.ts';
import { type FaultEngine, httpFaults } from '../faults/index.ts';
import type { SequencedFeed } from '../feeds/sequenced-feed.ts';
import { SIMULATOR_ERRORS } from '../simulator-errors.ts';
import type { MdmStore } from './mdm-store.ts';

const clientIdSchema = z.uuid();

const clientNotFound = (id: string) =>
  new ApiError(SIMULATOR_ERRORS.CLIENT_NOT_FOUND, `No client ${id} in the MDM.`);

/**
 * The MDM REST API under /mdm/api/v1: point look-ups of legal details (by client id or INN) and
 * the reference sequence log, behind the fault engine's `mdm.rest` channel.
 */
export function mdmRoutes(store: MdmStore, feed: SequencedFeed, faults: FaultEngine): Router {
  const router = Router();
  router.use(httpFaults(faults, 'mdm.rest'));

  router.get('/legal-entities/:clientId', (request: Request<{ clientId: string }>, response) => {
    const { clientId } = request.params;
    if (!clientIdSchema.safeParse(clientId).success)
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_CLIENT_ID,
        'Failed to look up the legal details: the client id is not a UUID. Pass it as a UUID.',
      );
    const details = store.get(clientId);
    if (!details) throw clientNotFound(clientId);
    response.json(details);
  });

  router.get('/legal-entities', (request, response) => {
    const inn = String(request.query.inn ?? '');
    if (!/^\d{10}(\d{2})?$/.test(inn))
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_INN,
        'Failed to look up the legal details: the INN is not 10 or 12 digits. Pass ?inn= with 10 or 12 digits.',
      );
    const details = store.findByInn(inn);
    if (!details)
      throw new ApiError(SIMULATOR_ERRORS.CLIENT_NOT_FOUND, `No client with INN ${inn} in the MDM.`);
    response.json(details);
  });

  router.get('/sequence-log/legal-details/:clientId', (request: Request<{ clientId: string }>, response) => {
    const { clientId } = request.params;
    if (!store.get(clientId)) throw clientNotFound(clientId);
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
