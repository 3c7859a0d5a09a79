import { type Request, Router } from 'express';
import { ApiError } from '../../infra/http/api-error.ts';
import type { World } from '../data/world.ts';
import { type FaultEngine, httpFaults } from '../faults/index.ts';
import { SIMULATOR_ERRORS } from '../simulator-errors.ts';
import { absHistoryRoute } from './abs-history-route.ts';
import type { AbsStore } from './abs-store.ts';

const PAGE_LIMIT_MAX = 500;

function intParam(request: Request, name: string, fallback: number): number | undefined {
  const raw = request.query[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * The ABS REST API under /abs/api/v1: organisations, their accounts, postings per account and the
 * ten-year archive, behind the fault engine's `abs.rest` channel (outages, latency, capacity collapse).
 */
export function absRoutes(store: AbsStore, faults: FaultEngine, world: World): Router {
  const router = Router();

  router.use(httpFaults(faults, 'abs.rest'));

  router.get('/organisations', (request, response) => {
    const offset = intParam(request, 'offset', 0);
    const limit = intParam(request, 'limit', 100);
    if (offset === undefined || limit === undefined || limit === 0 || limit > PAGE_LIMIT_MAX) {
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_PAGE,
        `Failed to page the organisations: offset must be ≥ 0 and limit in 1..${PAGE_LIMIT_MAX}.`,
      );
    }
    const all = [...store.organisations.values()];
    const items = all.slice(offset, offset + limit);
    const next = offset + items.length;
    response.json({ items, total: all.length, nextOffset: next < all.length ? next : null });
  });

  router.get('/organisations/:id/accounts', (request, response) => {
    const id = request.params.id;
    if (!store.organisations.has(id)) {
      throw new ApiError(SIMULATOR_ERRORS.ORGANISATION_NOT_FOUND, `No organisation ${id} in the ABS.`);
    }
    response.json({ organisationId: id, accounts: store.accountsOf(id) });
  });

  router.get('/accounts/:id/history', absHistoryRoute(world));

  router.get('/accounts/:id/postings', (request, response) => {
    const id = request.params.id;
    const after = intParam(request, 'afterSequence', 0);
    const limit = intParam(request, 'limit', 1000);
    if (after === undefined || limit === undefined || limit === 0) {
      throw new ApiError(
        SIMULATOR_ERRORS.INVALID_PAGE,
        'Failed to page the postings: afterSequence must be ≥ 0 and limit ≥ 1.',
      );
    }
    if (!store.account(id))
      throw new ApiError(SIMULATOR_ERRORS.ACCOUNT_NOT_FOUND, `No account ${id} in the ABS.`);
    response.json({ accountId: id, postings: store.postingsAfter(id, after, limit) });
  });

  return router;
}
