import { type Request, Router } from 'express';
import { crmEntitySchema } from '../../contracts/crm/crm-records.ts';
import { ApiError } from '../../infra/http/api-error.ts';
import { type FaultEngine, httpFaults } from '../faults/index.ts';
import type { SequencedFeed } from '../feeds/sequenced-feed.ts';
import { SIMULATOR_ERRORS } from '../simulator-errors.ts';
import type { CrmStore } from './crm-store.ts';

/**
 * The reference log of the CRM's MQ feed under /crm/feed/v1, in the feed's own vendor-neutral
 * vocabulary whichever flavor the CRM's REST API speaks: for a record, the last sequence number
 * the feed gave it and that message. Behind the fault engine's `crm.rest` channel.
 */
export function crmFeedReferenceRoutes(store: CrmStore, feed: SequencedFeed, faults: FaultEngine): Router {
  const router = Router();
  router.use(httpFaults(faults, 'crm.rest'));
  router.get('/sequence-log/:entity/:id', (request: Request<{ entity: string; id: string }>, response) => {
    const { entity, id } = request.params;
    const parsed = crmEntitySchema.safeParse(entity);
    if (!parsed.success)
      throw new ApiError(
        SIMULATOR_ERRORS.UNKNOWN_ENTITY,
        `Failed to read the sequence log: the entity is not a CRM entity. Use one of ${crmEntitySchema.options.join(', ')}.`,
      );
    const entry = feed.referenceOf(entity, id);
    if (!entry && !store.get(parsed.data, id))
      throw new ApiError(SIMULATOR_ERRORS.RECORD_NOT_FOUND, `No ${entity} ${id} in the CRM.`);
    response.json({
      entity,
      id,
      lastSequence: entry?.lastSequence ?? 0,
      lastEmittedAt: entry?.lastEmittedAt ?? null,
      lastMessage: entry?.lastMessage ?? null,
    });
  });
  return router;
}
