import { type Request, Router } from 'express';
import { crmEntitySchema } from '../../contracts/crm/crm-records.ts';
import { type FaultEngine, httpFaults } from '../faults/index.ts';
import type { SequencedFeed } from '../feeds/sequenced-feed.ts';
import type { CrmStore } from './crm-store.ts';

/**
 * The reference log of the CRM's MQ feed under /crm/feed/v1, in the feed's own vendor-neutral
 * vocabulary whichever flavor the CRM's REST API speaks: for a record, the last sequence number
 * the feed gave it and that message. Behind the fault engine's `crm.rest` channel.
 */
export function crmFeedReferenceRoutes(store: CrmStore, feed: SequencedFeed, faults: FaultEngine): Router {
  const router = Router();
  router.use(
    httpFaults(faults, 'crm.rest', {
      renderError: (status, code, message) => ({ status, body: { error: { code, message } } }),
    }),
  );
  router.get('/sequence-log/:entity/:id', (request: Request<{ entity: string; id: string }>, response) => {
    const { entity, id } = request.params;
    const parsed = crmEntitySchema.safeParse(entity);
    if (!parsed.success) {
      response.status(400).json({
        error: {
          code: 'UNKNOWN_ENTITY',
          message: `"${entity}" is not a CRM entity (${crmEntitySchema.options.join(', ')}).`,
        },
      });
      return;
    }
    const entry = feed.referenceOf(entity, id);
    if (!entry && !store.get(parsed.data, id)) {
      response
        .status(404)
        .json({ error: { code: 'RECORD_NOT_FOUND', message: `No ${entity} ${id} in the CRM.` } });
      return;
    }
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
